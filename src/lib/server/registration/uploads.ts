import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomHex } from '../ids';

export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

export type ImageKind = { ext: 'jpg' | 'png' | 'webp' | 'heic'; type: string };
export type ImageCheck =
	| { ok: true; image: ImageKind }
	| { ok: false; code: 'upload.missing' | 'upload.size' | 'upload.type' };

const ascii = (b: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...b.subarray(from, to));

/** The file type by its magic bytes; the name and the browser's claimed type are not trusted. */
export function sniffImage(b: Uint8Array): ImageKind | null {
	if (b.length < 12) return null;
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ext: 'jpg', type: 'image/jpeg' };
	if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return { ext: 'png', type: 'image/png' };
	if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
		return { ext: 'webp', type: 'image/webp' };
	// ISO BMFF: "ftyp" at 4 and a HEIF brand (iPhone photos are heic; heix/mif1 occur too).
	if (ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(ascii(b, 8, 12)))
		return { ext: 'heic', type: 'image/heic' };
	return null;
}

export function checkImage(bytes: Uint8Array | null): ImageCheck {
	if (!bytes || bytes.length === 0) return { ok: false, code: 'upload.missing' };
	if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, code: 'upload.size' };
	const image = sniffImage(bytes);
	return image ? { ok: true, image } : { ok: false, code: 'upload.type' };
}

/** Outside the web root: only a guarded endpoint reads these files back. */
export function uploadsDir(): string {
	return resolve(process.env.GONGYI_UPLOADS ?? './data/uploads');
}

/** The bytes of every photo stored for the estate (0 when it has none). */
export async function estateUploadBytes(estateId: string): Promise<number> {
	if (!/^[a-z0-9_-]+$/i.test(estateId)) return 0;
	const dir = join(uploadsDir(), estateId);
	let total = 0;
	for (const f of await readdir(dir).catch(() => [] as string[]))
		total += (await stat(join(dir, f)).catch(() => null))?.size ?? 0;
	return total;
}

/** Stores the bytes as `<estate>/<random>.<ext>` and returns that relative path. */
export async function saveUpload(
	estateId: string,
	bytes: Uint8Array,
	image: { ext: string }
): Promise<string> {
	if (!/^[a-z0-9_-]+$/i.test(estateId)) throw new Error(`bad estate id for upload: ${estateId}`);
	const rel = `${estateId}/${randomHex(16)}.${image.ext}`;
	const abs = join(uploadsDir(), rel);
	await mkdir(dirname(abs), { recursive: true });
	await writeFile(abs, bytes, { flag: 'wx', mode: 0o600 });
	return rel;
}

function safePath(rel: string): string {
	const root = uploadsDir();
	const abs = resolve(root, rel);
	if (!abs.startsWith(root + '/')) throw new Error(`upload path escapes the uploads dir: ${rel}`);
	return abs;
}

export function readUpload(rel: string): Promise<Buffer> {
	return readFile(safePath(rel));
}

/** Removes a file whose database row was never written (the transaction failed). */
export async function removeUpload(rel: string): Promise<void> {
	await rm(safePath(rel), { force: true });
}
