import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import type { PDFDocument } from 'pdf-lib';
import { canonicalJson } from '../../domain/record/canonical';
import { translator, type Locale } from '../../i18n';
import { buildDocument } from '../pdf';
import { minutesBlocks, type MinutesMeta } from './blocks';
import type { SigningIdentity } from './certificate';
import { CadesSigner } from './cms';
import type { MinutesFigures } from './figures';

/** The minutes.json attachment: the figures with the version and language of this file. */
export function minutesJson(f: MinutesFigures, meta: MinutesMeta, locale: Locale): string {
	return canonicalJson({ ...f, version: meta.version, locale });
}

/** The laid-out pages (no attachment, no signature): what the bench's ceiling saves. */
export function layoutMinutes(
	f: MinutesFigures,
	meta: MinutesMeta,
	locale: Locale
): Promise<PDFDocument> {
	const t = translator(locale);
	return buildDocument(minutesBlocks(f, meta, locale), {
		footer: t('minutes:pdf.footer'),
		title: `${t('minutes:pdf.title', { estate: f.estate.name })} · ${f.assembly.title}`,
		subject: f.assembly.title,
		author: t('minutes:pdf.issuer', { estate: f.estate.name }),
		creationDate: meta.generatedAt
	});
}

/**
 * The signed minutes PDF: pages, the minutes.json attachment, then a PAdES B-B signature
 * (ETSI.CAdES.detached) over the whole file but the signature itself.
 */
export async function renderMinutes(
	f: MinutesFigures,
	meta: MinutesMeta,
	locale: Locale,
	identity: SigningIdentity
): Promise<Uint8Array> {
	const doc = await layoutMinutes(f, meta, locale);
	await doc.attach(new TextEncoder().encode(minutesJson(f, meta, locale)), 'minutes.json', {
		mimeType: 'application/json',
		description: 'Gongyi minutes figures (gongyi-minutes/1)',
		creationDate: meta.generatedAt,
		modificationDate: meta.generatedAt
	});
	const certBytes = [identity.certPem, ...identity.chainPem].reduce((n, p) => n + p.length, 0);
	// PDF text strings here are Latin-1 (PDFString): keep the signature dictionary ASCII.
	pdflibAddPlaceholder({
		pdfDoc: doc,
		reason: `Minutes of assembly ${f.assembly.id}, version ${meta.version}`,
		contactInfo: meta.verifyUrl,
		name: 'Gongyi',
		location: f.estate.id,
		signingTime: meta.generatedAt,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		signatureLength: 4096 + certBytes,
		appName: 'Gongyi'
	});
	const unsigned = await doc.save({ useObjectStreams: false });
	const signed = await new SignPdf().sign(
		Buffer.from(unsigned),
		new CadesSigner(identity),
		meta.generatedAt
	);
	return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}
