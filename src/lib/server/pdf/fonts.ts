import { readFile } from 'node:fs/promises';
import path from 'node:path';
import subsetFont from 'subset-font';

/** The two weights shipped in assets/fonts (Noto Sans SC, OFL-1.1). */
export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, string> = {
	regular: 'NotoSansSC_400Regular.ttf',
	bold: 'NotoSansSC_700Bold.ttf'
};

/**
 * The assets directory: `GONGYI_ASSETS` when set, otherwise `assets/` under the working directory
 * (dev, tests and `node build/server.js` all run from the repo root).
 */
export function assetsDir(): string {
	const override = process.env.GONGYI_ASSETS;
	return override ? path.resolve(override) : path.resolve(process.cwd(), 'assets');
}

const fullFonts = new Map<FontWeight, Promise<Buffer>>();

/** The full TTF of a weight, read once per process and kept in memory (~10 MB each). */
export function loadFont(weight: FontWeight): Promise<Buffer> {
	let p = fullFonts.get(weight);
	if (!p) {
		const file = path.join(assetsDir(), 'fonts', FILES[weight]);
		p = readFile(file).catch((err: unknown) => {
			fullFonts.delete(weight);
			throw new Error(`PDF font missing: ${file} (set GONGYI_ASSETS?)`, { cause: err });
		});
		fullFonts.set(weight, p);
	}
	return p;
}

/** The sorted, de-duplicated characters of `text`, without control characters. */
export function charset(text: string): string {
	const set = new Set<string>();
	for (const ch of text) if (ch >= ' ') set.add(ch);
	return [...set].sort().join('');
}

const SUBSET_CACHE_SIZE = 16;
const subsets = new Map<string, Promise<Uint8Array>>();

/**
 * A TrueType subset of `weight` holding exactly the characters of `text` (plus space), to embed
 * with pdf-lib's `embedFont(bytes, { subset: false })` — pdf-lib's own subsetting breaks CJK fonts.
 * Recent results are cached, so repeating a document does not subset again.
 */
export function subsetFor(weight: FontWeight, text: string): Promise<Uint8Array> {
	const chars = charset(text + ' ');
	const key = `${weight}:${chars}`;
	const hit = subsets.get(key);
	if (hit) {
		subsets.delete(key);
		subsets.set(key, hit);
		return hit;
	}
	const p = loadFont(weight).then(async (full) => {
		const out = await subsetFont(full, chars, { targetFormat: 'truetype', noLayoutClosure: true });
		return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
	});
	p.catch(() => subsets.delete(key));
	subsets.set(key, p);
	while (subsets.size > SUBSET_CACHE_SIZE) subsets.delete(subsets.keys().next().value as string);
	return p;
}
