import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	identityFromPkcs12,
	makeSelfSigned,
	signingIdentity,
	SigningConfigError
} from './certificate';

function pkcs12(password: string): { bytes: Uint8Array; fingerprint: string } {
	const { keyPem, certPem } = makeSelfSigned(new Date('2026-01-01T00:00:00Z'));
	const cert = forge.pki.certificateFromPem(certPem);
	const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), [cert], password, {
		algorithm: '3des'
	});
	const der = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
	const certDer = Buffer.from(
		forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(),
		'binary'
	);
	return { bytes: der, fingerprint: createHash('sha256').update(certDer).digest('hex') };
}

describe('minutes signing certificate', () => {
	afterEach(() => {
		delete process.env.GONGYI_MINUTES_P12;
		delete process.env.GONGYI_MINUTES_P12_PASSWORD;
	});

	it('reads the key and certificate of a PKCS#12 file; its fingerprint is the SHA-256 of the DER', () => {
		const p = pkcs12('s3cret');
		const id = identityFromPkcs12(p.bytes, 's3cret');
		expect(id.source).toBe('pkcs12');
		expect(id.fingerprint).toBe(p.fingerprint);
		expect(id.subject).toBe('CN=Gongyi 共议 minutes signing (self-signed), O=Gongyi');
		expect(id.keyPem).toContain('PRIVATE KEY');
	});

	it('a wrong password or a file that is no PKCS#12 is a configuration error', () => {
		const p = pkcs12('s3cret');
		expect(() => identityFromPkcs12(p.bytes, 'wrong')).toThrow(SigningConfigError);
		expect(() => identityFromPkcs12(new TextEncoder().encode('not a p12'), '')).toThrow(
			SigningConfigError
		);
	});

	it('GONGYI_MINUTES_P12 and its password select the configured certificate (no database needed)', async () => {
		const p = pkcs12('pw');
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'gongyi-p12-')), 'minutes.p12');
		writeFileSync(file, p.bytes);
		process.env.GONGYI_MINUTES_P12 = file;
		process.env.GONGYI_MINUTES_P12_PASSWORD = 'pw';
		const id = await signingIdentity(null as never);
		expect(id.fingerprint).toBe(p.fingerprint);
		process.env.GONGYI_MINUTES_P12 = file + '.missing';
		await expect(signingIdentity(null as never)).rejects.toThrow(/cannot read/);
	});
});
