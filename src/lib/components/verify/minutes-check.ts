import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '$lib/domain/record/canonical';
import type { Head, Result, Signature } from '$lib/domain/record/types';
import { verifyHeadSignature } from '$lib/domain/signature';

/** The four checks, each shown as its own line; `detail` feeds the message. */
export type CheckName = 'coverage' | 'signature' | 'signer' | 'figures' | 'head';
export interface CheckLine {
	name: CheckName;
	ok: boolean;
	detail?: Record<string, string | number>;
}

/** What the server publishes for the assembly (see /api/assemblies/[id]/minutes). */
export interface Published {
	result: Result;
	signatures: Signature[];
	certificate: { subject: string; fingerprint: string };
}

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

/** The last signature's /ByteRange and the hex /Contents it leaves out. */
export function signedRanges(pdf: Uint8Array) {
	const text = latin1(pdf);
	const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
	const m = matches[matches.length - 1];
	if (!m) return null;
	const [a, b, c, d] = m.slice(1, 5).map(Number);
	const gap = text.slice(a + b, c);
	const covers = a === 0 && c + d === pdf.length && b < c && /^<[0-9a-fA-F]*>$/.test(gap);
	return { range: [a, b, c, d] as const, covers, hex: gap.replace(/[<>]/g, '') };
}

function hexBytes(hex: string): Uint8Array {
	const out = new Uint8Array(hex.length >> 1);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return out;
}

const NAMES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU'
};

/** Checks the CMS signature over the byte range; returns the signer's subject and fingerprint. */
async function checkCms(pdf: Uint8Array, r: NonNullable<ReturnType<typeof signedRanges>>) {
	const [asn1js, pkijs] = await Promise.all([import('asn1js'), import('pkijs')]);
	const der = hexBytes(r.hex);
	const asn1 = asn1js.fromBER(der.buffer as ArrayBuffer);
	if (asn1.offset === -1) return null;
	const info = new pkijs.ContentInfo({ schema: asn1.result });
	const signed = new pkijs.SignedData({ schema: info.content });
	const [a, b, c, d] = r.range;
	const data = new Uint8Array(b + d);
	data.set(pdf.subarray(a, a + b), 0);
	data.set(pdf.subarray(c, c + d), b);
	const cert = signed.certificates?.find(
		(x): x is InstanceType<typeof pkijs.Certificate> => x instanceof pkijs.Certificate
	);
	if (!cert) return null;
	const valid = await signed
		.verify({ signer: 0, data: data.buffer as ArrayBuffer, checkChain: false, extendedMode: true })
		.then((v) => (typeof v === 'boolean' ? v : v.signatureVerified === true))
		.catch(() => false);
	const subject = cert.subject.typesAndValues
		.map((tv) => `${NAMES[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`)
		.join(', ');
	const fingerprint = bytesToHex(sha256(new Uint8Array(cert.toSchema().toBER(false))));
	return { valid, subject, fingerprint };
}

/** The minutes.json attachment, read with pdf-lib (lazy: only the verify page loads it). */
export async function minutesAttachment(pdf: Uint8Array): Promise<Record<string, unknown> | null> {
	const lib = await import('pdf-lib');
	const doc = await lib.PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
	const names = doc.catalog.lookupMaybe(lib.PDFName.of('Names'), lib.PDFDict);
	const files = names?.lookupMaybe(lib.PDFName.of('EmbeddedFiles'), lib.PDFDict);
	const list = files?.lookupMaybe(lib.PDFName.of('Names'), lib.PDFArray);
	if (!list) return null;
	for (let i = 0; i + 1 < list.size(); i += 2) {
		const name = list.lookup(i);
		const label =
			name instanceof lib.PDFHexString || name instanceof lib.PDFString ? name.decodeText() : '';
		if (label !== 'minutes.json') continue;
		const spec = list.lookup(i + 1, lib.PDFDict);
		const ef = spec.lookup(lib.PDFName.of('EF'), lib.PDFDict);
		const stream = ef.lookup(lib.PDFName.of('F'));
		if (!(stream instanceof lib.PDFRawStream)) return null;
		const bytes = lib.decodePDFRawStream(stream).decode();
		return JSON.parse(new TextDecoder().decode(bytes));
	}
	return null;
}

export interface MinutesCheck {
	lines: CheckLine[];
	assemblyId: string | null;
	/** The embedded result's head and signatures, for the one-line-per-signer view. */
	head: Head | null;
	signatures: Signature[];
	published: Signature[] | null;
	street: string;
}

/**
 * Checks a minutes PDF in the browser: the PDF signature and what it covers, who signed, the
 * embedded figures against the published result, and the Ed25519 head signatures.
 */
export async function checkMinutes(
	pdf: Uint8Array,
	fetchPublished: (assemblyId: string) => Promise<Published | null>
): Promise<MinutesCheck> {
	const lines: CheckLine[] = [];
	const ranges = signedRanges(pdf);
	const cms = ranges ? await checkCms(pdf, ranges).catch(() => null) : null;
	lines.push({ name: 'coverage', ok: !!ranges?.covers });
	lines.push({ name: 'signature', ok: !!cms?.valid && !!ranges?.covers });
	const json = await minutesAttachment(pdf).catch(() => null);
	const assemblyId =
		json && typeof (json.assembly as { id?: unknown })?.id === 'string'
			? (json.assembly as { id: string }).id
			: null;
	const published = assemblyId ? await fetchPublished(assemblyId).catch(() => null) : null;
	lines.push({
		name: 'signer',
		ok: !!cms && !!published && cms.fingerprint === published.certificate.fingerprint,
		detail: { subject: cms?.subject ?? '—', fingerprint: cms?.fingerprint ?? '—' }
	});
	const result = json?.result as Result | undefined;
	lines.push({
		name: 'figures',
		ok: !!result && !!published && canonicalJson(result) === canonicalJson(published.result)
	});
	const sigs = (json?.signatures ?? []) as Signature[];
	const head = result?.head as Head | undefined;
	const headOk =
		!!assemblyId &&
		!!head &&
		!!published &&
		sigs.some((s) => s.by === 'platform') &&
		sigs.every(
			(s) =>
				verifyHeadSignature(s, assemblyId, head) &&
				published.signatures.some((p) => p.by === s.by && p.publicKey === s.publicKey)
		);
	lines.push({ name: 'head', ok: headOk, detail: { count: sigs.length } });
	const known = Array.isArray(sigs)
		? sigs.filter((s) => s?.by === 'platform' || s?.by === 'street')
		: [];
	return {
		lines,
		assemblyId,
		head: head ?? null,
		signatures: known,
		published: published?.signatures ?? null,
		street: String((json?.estate as { street?: unknown } | undefined)?.street ?? '')
	};
}
