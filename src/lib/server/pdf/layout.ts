import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { wrapText } from './text';

export type Align = 'left' | 'center' | 'right';

/** How a run of text looks. `color` is '#rrggbb'. */
export interface TextStyle {
	size?: number;
	bold?: boolean;
	color?: string;
	align?: Align;
	/** Line height as a multiple of the size (default 1.5). */
	leading?: number;
}

/** An unbreakable slice of the flow: placed on the current page if it fits, else on the next. */
export interface Chunk {
	h: number;
	draw?: (page: PDFPage, top: number) => void;
	/** Vertical space: dropped at the top and bottom of a page. */
	gap?: boolean;
	/** Forces the next chunk onto a new page. */
	pageBreak?: boolean;
	/** Placed first when this chunk starts a new page (e.g. a table header). */
	header?: Chunk;
	/** Moves to the next page together with the following chunk (e.g. a heading). */
	keepWithNext?: boolean;
}

export interface Ctx {
	/** Left edge and width of the content area. */
	x: number;
	width: number;
	/** Wraps text to lines; in the collecting pass it records the text for the font subset. */
	wrap(text: string, style: TextStyle, max: number): string[];
	/** Width of one line of text in points. */
	widthOf(text: string, style: TextStyle): number;
	/** Fonts exist only in the drawing pass (use inside `draw`). */
	font(bold?: boolean): PDFFont;
}

export const BODY_SIZE = 11;
/** Where the baseline sits below the top of the em box (Noto Sans SC ideographic box 0.88/-0.12). */
const ASCENT = 0.88;

export function color(hex = '#1a1a1a'): RGB {
	const n = parseInt(hex.replace('#', ''), 16);
	return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Rules and borders; secondary text. */
export const LINE = color('#8c8c8c');
export const MUTED = '#595959';

export const sizeOf = (s: TextStyle) => s.size ?? BODY_SIZE;
export const lineHeight = (s: TextStyle) => sizeOf(s) * (s.leading ?? 1.5);

/** Draws one line of text in a box [x, x + w] whose top edge is `top`. */
export function drawLine(
	ctx: Ctx,
	page: PDFPage,
	text: string,
	x: number,
	top: number,
	w: number,
	s: TextStyle
) {
	if (!text) return;
	const size = sizeOf(s);
	const lw = s.align && s.align !== 'left' ? ctx.widthOf(text, s) : 0;
	const dx = s.align === 'center' ? (w - lw) / 2 : s.align === 'right' ? w - lw : 0;
	const baseline = top - (lineHeight(s) - size) / 2 - size * ASCENT;
	page.drawText(text, {
		x: x + dx,
		y: baseline,
		size,
		font: ctx.font(s.bold),
		color: color(s.color)
	});
}

/** Wraps text into one chunk per line, each drawn at horizontal offset `indent`. */
export function textLines(ctx: Ctx, text: string, s: TextStyle, indent = 0): Chunk[] {
	const w = ctx.width - indent;
	const lh = lineHeight(s);
	return ctx.wrap(text, s, w).map((line) => ({
		h: lh,
		draw: (page, top) => drawLine(ctx, page, line, ctx.x + indent, top, w, s)
	}));
}

export const gap = (h: number): Chunk => ({ h, gap: true });

/** Joins chunks into one that is never split across pages. */
export function together(chunks: Chunk[]): Chunk {
	return {
		h: chunks.reduce((a, c) => a + c.h, 0),
		draw: (page, top) => {
			let y = top;
			for (const c of chunks) {
				c.draw?.(page, y);
				y -= c.h;
			}
		}
	};
}

/** A context whose wrapping is real: measures with the embedded fonts, caching each piece. */
export function measuringCtx(
	x: number,
	width: number,
	fonts: { regular: PDFFont; bold: PDFFont }
): Ctx {
	const cache = [new Map<string, number>(), new Map<string, number>()];
	const unit = (t: string, bold?: boolean) => {
		const m = cache[bold ? 1 : 0];
		let v = m.get(t);
		if (v === undefined) {
			v = (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(t, 1);
			m.set(t, v);
		}
		return v;
	};
	return {
		x,
		width,
		wrap: (text, s, max) => wrapText(text, max / sizeOf(s), (t) => unit(t, s.bold)),
		widthOf: (text, s) => unit(text, s.bold) * sizeOf(s),
		font: (bold) => (bold ? fonts.bold : fonts.regular)
	};
}

/** A context for the collecting pass: records every string per weight, measures roughly. */
export function collectingCtx(
	x: number,
	width: number,
	seen: { regular: string[]; bold: string[] }
): Ctx {
	const rough = (t: string) => [...t].length;
	return {
		x,
		width,
		wrap: (text, s, max) => {
			(s.bold ? seen.bold : seen.regular).push(text);
			return wrapText(text, max / sizeOf(s), rough);
		},
		widthOf: (text, s) => rough(text) * sizeOf(s),
		font: () => {
			throw new Error('no fonts in the collecting pass');
		}
	};
}
