import { eq } from 'drizzle-orm';
import forge from 'node-forge';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Executor } from '../db/client';
import { platformKey } from '../db/schema';

/** The key and certificate (with any chain) the minutes PDFs are signed with. */
export interface SigningIdentity {
	keyPem: string;
	certPem: string;
	/** Intermediate certificates from a PKCS#12 file, issuer side (may be empty). */
	chainPem: string[];
	/** "CN=…, O=…" of the signing certificate. */
	subject: string;
	/** SHA-256 of the certificate's DER, lowercase hex: what the public ledger page publishes. */
	fingerprint: string;
	source: 'pkcs12' | 'generated';
}

const KEY_NAME = 'minutes-signing-certificate';

export class SigningConfigError extends Error {}

function certDer(cert: forge.pki.Certificate): Buffer {
	return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

function identityOf(
	keyPem: string,
	cert: forge.pki.Certificate,
	chain: forge.pki.Certificate[],
	source: SigningIdentity['source']
): SigningIdentity {
	const subject = cert.subject.attributes
		.map((a) => `${a.shortName ?? a.name ?? a.type}=${forge.util.decodeUtf8(String(a.value))}`)
		.join(', ');
	return {
		keyPem,
		certPem: forge.pki.certificateToPem(cert),
		chainPem: chain.map((c) => forge.pki.certificateToPem(c)),
		subject,
		fingerprint: createHash('sha256').update(certDer(cert)).digest('hex'),
		source
	};
}

/** Key and certificates from a PKCS#12 (.p12/.pfx) file; the leaf is the one matching the key. */
export function identityFromPkcs12(bytes: Uint8Array, password: string): SigningIdentity {
	let p12: forge.pkcs12.Pkcs12Pfx;
	try {
		const asn1 = forge.asn1.fromDer(Buffer.from(bytes).toString('binary'));
		p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
	} catch (e) {
		throw new SigningConfigError(`cannot read the PKCS#12 file: ${(e as Error).message}`);
	}
	const keyBags = [
		...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[
			forge.pki.oids.pkcs8ShroudedKeyBag
		] ?? []),
		...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? [])
	];
	const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
		.map((b) => b.cert)
		.filter((c): c is forge.pki.Certificate => !!c);
	const key = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
	if (!key || !certs.length)
		throw new SigningConfigError('the PKCS#12 file needs an RSA private key and its certificate');
	const modulus = key.n.toString(16);
	const leaf = certs.find(
		(c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.toString(16) === modulus
	);
	if (!leaf) throw new SigningConfigError('no certificate in the PKCS#12 file matches its key');
	return identityOf(
		forge.pki.privateKeyToPem(key),
		leaf,
		certs.filter((c) => c !== leaf),
		'pkcs12'
	);
}

/** A self-signed certificate for a zero-setup install (RSA 2048, SHA-256, ten years). */
export function makeSelfSigned(now = new Date()): { keyPem: string; certPem: string } {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const cert = forge.pki.createCertificate();
	cert.publicKey = forge.pki.publicKeyFromPem(
		publicKey.export({ type: 'spki', format: 'pem' }).toString()
	);
	cert.serialNumber = '01' + randomBytes(15).toString('hex');
	cert.validity.notBefore = now;
	cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
	const name = [
		{
			shortName: 'CN',
			value: 'Gongyi 共议 minutes signing (self-signed)',
			valueTagClass: forge.asn1.Type.UTF8
		},
		{ shortName: 'O', value: 'Gongyi' }
	] as forge.pki.CertificateField[];
	cert.setSubject(name);
	cert.setIssuer(name);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false, critical: true },
		{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
	return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

let cached: { key: string; identity: SigningIdentity } | null = null;

/**
 * The minutes signing identity: the PKCS#12 file of GONGYI_MINUTES_P12 (password in
 * GONGYI_MINUTES_P12_PASSWORD) when set; otherwise a self-signed certificate made once and kept in
 * the database like the platform's other keys.
 */
export async function signingIdentity(db: Executor): Promise<SigningIdentity> {
	const file = process.env.GONGYI_MINUTES_P12;
	if (file) {
		const password = process.env.GONGYI_MINUTES_P12_PASSWORD ?? '';
		const key = `p12:${file}:${password}`;
		if (cached?.key === key) return cached.identity;
		const bytes = await readFile(file).catch((e: Error) => {
			throw new SigningConfigError(`GONGYI_MINUTES_P12: cannot read ${file}: ${e.message}`);
		});
		const identity = identityFromPkcs12(bytes, password);
		cached = { key, identity };
		return identity;
	}
	let [row] = await db.select().from(platformKey).where(eq(platformKey.name, KEY_NAME));
	if (!row) {
		await db
			.insert(platformKey)
			.values({ name: KEY_NAME, value: JSON.stringify(makeSelfSigned()) })
			.onConflictDoNothing();
		[row] = await db.select().from(platformKey).where(eq(platformKey.name, KEY_NAME));
	}
	if (cached?.key === row.value) return cached.identity;
	const { keyPem, certPem } = JSON.parse(row.value) as { keyPem: string; certPem: string };
	const identity = identityOf(keyPem, forge.pki.certificateFromPem(certPem), [], 'generated');
	cached = { key: row.value, identity };
	return identity;
}
