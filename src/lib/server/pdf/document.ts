import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { layoutBlock, type Block } from './blocks';
import { subsetFor } from './fonts';
import { collectingCtx, drawLine, measuringCtx, type Chunk, type Ctx } from './layout';

export type { Block, TableColumn } from './blocks';
export type { Align, TextStyle } from './layout';

/** A4 portrait in points. */
export const A4: [number, number] = [595.28, 841.89];

export interface DocumentOptions {
	/** Page margin in points (default 56, about 2 cm). */
	margin?: number;
	/** Footer template with `{n}` and `{total}`; false for none. Default '第 {n} 页 / 共 {total} 页'. */
	footer?: string | false;
	title?: string;
	subject?: string;
	author?: string;
	/** Fixed dates keep output reproducible (e.g. in tests). */
	creationDate?: Date;
}

const DIGITS = '0123456789';

/**
 * OpenType substitutions switched off: pdf-lib writes widths and ToUnicode only for glyphs in the
 * cmap, and Noto Sans SC's `locl` swaps digits after Latin letters for unmapped glyphs (drawn 1 em
 * wide, extracted as nothing). Chinese and Latin text need none of these in horizontal layout.
 */
const NO_SUBSTITUTIONS = Object.fromEntries(
	['ccmp', 'locl', 'liga', 'clig', 'calt', 'rlig', 'dlig'].map((f) => [f, false])
);

function paginate(doc: PDFDocument, chunks: Chunk[], margin: number): PDFPage[] {
	const [W, H] = A4;
	const top = H - margin;
	const bottom = margin;
	const pages: PDFPage[] = [];
	let page: PDFPage | undefined;
	let y = top;
	const place = (c: Chunk) => {
		c.draw?.(page as PDFPage, y);
		y -= c.h;
	};
	const newPage = () => {
		page = doc.addPage([W, H]);
		pages.push(page);
		y = top;
	};
	chunks.forEach((c, i) => {
		// A chain of keep-with-next chunks (heading, intro lines, table header) moves with the
		// first chunk after it.
		let need = c.h;
		for (let k = i, j = i + 1; chunks[k].keepWithNext && j < chunks.length; j++) {
			if (chunks[j].pageBreak) break;
			need += chunks[j].h;
			if (!chunks[j].gap) k = j;
		}
		if (c.pageBreak) {
			page = undefined;
		} else if (c.gap && (!page || y === top || y - c.h < bottom)) {
			return;
		} else if (!page || (y - need < bottom && y < top)) {
			newPage();
			if (c.header && c.header.h + c.h <= top - bottom) place(c.header);
			place(c);
		} else place(c);
	});
	if (!pages.length) newPage();
	return pages;
}

/**
 * Builds an A4 document from blocks in two passes: the first collects every string that will be
 * drawn, so each weight of Noto Sans SC is subset to exactly those characters (pdf-lib's own
 * subsetting corrupts CJK fonts); the second measures with the embedded fonts, paginates and draws.
 * Returns the pdf-lib document, e.g. for signing; `renderDocument` saves it.
 */
export async function buildDocument(
	blocks: Block[],
	opts: DocumentOptions = {}
): Promise<PDFDocument> {
	const margin = opts.margin ?? 56;
	const width = A4[0] - 2 * margin;
	const footer = opts.footer === undefined ? '第 {n} 页 / 共 {total} 页' : opts.footer;

	const seen = { regular: [] as string[], bold: [] as string[] };
	const collect = collectingCtx(margin, width, seen);
	for (const b of blocks) layoutBlock(collect, b);
	if (footer) seen.regular.push(footer, DIGITS);

	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const [regular, bold] = await Promise.all([
		subsetFor('regular', seen.regular.join('')),
		seen.bold.length ? subsetFor('bold', seen.bold.join('')) : null
	]);
	const fonts: { regular: PDFFont; bold: PDFFont } = {} as never;
	fonts.regular = await doc.embedFont(regular, { subset: false, features: NO_SUBSTITUTIONS });
	fonts.bold = bold
		? await doc.embedFont(bold, { subset: false, features: NO_SUBSTITUTIONS })
		: fonts.regular;
	const ctx: Ctx = measuringCtx(margin, width, fonts);

	const pages = paginate(
		doc,
		blocks.flatMap((b) => layoutBlock(ctx, b)),
		margin
	);
	if (footer) {
		const style = { size: 8.5, color: '#737373', align: 'center' as const };
		pages.forEach((page, i) => {
			const text = footer.replace('{n}', String(i + 1)).replace('{total}', String(pages.length));
			drawLine(ctx, page, text, margin, margin * 0.62, width, style);
		});
	}
	doc.setProducer('Gongyi 共议');
	doc.setCreator('Gongyi 共议');
	if (opts.title) doc.setTitle(opts.title, { showInWindowTitleBar: true });
	if (opts.subject) doc.setSubject(opts.subject);
	if (opts.author) doc.setAuthor(opts.author);
	if (opts.creationDate) {
		doc.setCreationDate(opts.creationDate);
		doc.setModificationDate(opts.creationDate);
	}
	return doc;
}

/** Builds and saves a document; see `buildDocument`. */
export async function renderDocument(
	blocks: Block[],
	opts: DocumentOptions = {}
): Promise<Uint8Array> {
	return (await buildDocument(blocks, opts)).save();
}
