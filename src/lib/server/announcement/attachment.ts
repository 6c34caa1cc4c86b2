import { MAX_UPLOAD_BYTES, saveUpload, sniffImage } from '../registration/uploads';

/** An objection's evidence: a photo or a PDF, at most the registration photo limit (8 MB). */
export const MAX_ATTACHMENT_BYTES = MAX_UPLOAD_BYTES;

export type AttachmentKind = { ext: 'jpg' | 'png' | 'webp' | 'heic' | 'pdf'; type: string };
export type AttachmentCheck =
	| { ok: true; kind: AttachmentKind }
	| { ok: false; code: 'objection.attachmentSize' | 'objection.attachmentType' };

/** The type by its magic bytes ("%PDF-" or an image signature); the file name is not trusted. */
export function checkAttachment(bytes: Uint8Array): AttachmentCheck {
	if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, code: 'objection.attachmentSize' };
	if (String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-')
		return { ok: true, kind: { ext: 'pdf', type: 'application/pdf' } };
	const image = sniffImage(bytes);
	return image ? { ok: true, kind: image } : { ok: false, code: 'objection.attachmentType' };
}

/** Stored outside the web root beside the certificate photos; returns the relative path. */
export function saveAttachment(estateId: string, bytes: Uint8Array, kind: AttachmentKind) {
	return saveUpload(estateId, bytes, kind);
}
