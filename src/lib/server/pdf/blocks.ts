import {
	color,
	drawLine,
	gap,
	lineHeight,
	sizeOf,
	textLines,
	together,
	LINE,
	MUTED
} from './layout';
import type { Align, Chunk, Ctx, TextStyle } from './layout';
import { barChartChunks, type BarChartBlock } from './bar-chart';
import { qrChunks } from './qr';
import { tableChunks } from './table';

export interface TableColumn {
	header: string;
	/** Relative width (default 1). */
	width?: number;
	align?: Align;
}

/** The building blocks of a document; they flow top to bottom and break across pages. */
export type Block =
	| ({ type: 'heading'; text: string } & TextStyle)
	| ({
			type: 'text';
			text: string;
			indent?: number;
			frame?: boolean;
			/** Kept on one page with what follows (e.g. an item's title before its table). */
			keepWithNext?: boolean;
	  } & TextStyle)
	| { type: 'list'; items: string[]; size?: number; numbered?: boolean }
	| { type: 'kv'; rows: [label: string, value: string][]; size?: number; labelWidth?: number }
	| { type: 'table'; columns: TableColumn[]; rows: string[][]; foot?: string[]; size?: number }
	| { type: 'qr'; data: string; size?: number; lines?: ({ text: string } & TextStyle)[] }
	| BarChartBlock
	| { type: 'space'; height: number }
	| { type: 'rule' }
	| { type: 'pageBreak' };

/** Text in a light box; up to 8 lines stay on one page, longer boxes break between lines. */
function framed(ctx: Ctx, lines: Chunk[], pad: number): Chunk[] {
	const fill = color('#f4f4f4');
	if (lines.length > 1 && lines.length <= 8) lines = [together(lines)];
	return lines.map((c, i) => {
		const first = i === 0;
		const last = i === lines.length - 1;
		const h = c.h + (first ? pad : 0) + (last ? pad : 0);
		return {
			h,
			draw: (page, top) => {
				const { x, width: w } = ctx;
				page.drawRectangle({ x, y: top - h, width: w, height: h, color: fill });
				const line = (x1: number, y1: number, x2: number, y2: number) =>
					page.drawLine({
						start: { x: x1, y: y1 },
						end: { x: x2, y: y2 },
						thickness: 0.6,
						color: LINE
					});
				line(x, top, x, top - h);
				line(x + w, top, x + w, top - h);
				if (first) line(x, top, x + w, top);
				if (last) line(x, top - h, x + w, top - h);
				c.draw?.(page, top - (first ? pad : 0));
			}
		};
	});
}

/** Lays a block out as chunks for the paginator. */
export function layoutBlock(ctx: Ctx, b: Block): Chunk[] {
	switch (b.type) {
		case 'heading': {
			const s: TextStyle = {
				...b,
				size: b.size ?? 15,
				bold: b.bold ?? true,
				leading: b.leading ?? 1.35
			};
			const title = { ...together(textLines(ctx, b.text, s)), keepWithNext: true };
			return [gap(sizeOf(s) * 0.5), title, gap(sizeOf(s) * 0.3)];
		}
		case 'text': {
			const pad = sizeOf(b) * 0.7;
			if (!b.frame && b.keepWithNext)
				return [
					{ ...together(textLines(ctx, b.text, b, b.indent)), keepWithNext: true },
					gap(sizeOf(b) * 0.5)
				];
			if (!b.frame) return [...textLines(ctx, b.text, b, b.indent), gap(sizeOf(b) * 0.5)];
			const inner = { ...ctx, x: ctx.x + pad, width: ctx.width - 2 * pad };
			return [...framed(ctx, textLines(inner, b.text, b, b.indent), pad), gap(sizeOf(b) * 0.7)];
		}
		case 'list': {
			const s: TextStyle = { size: b.size };
			const indent = sizeOf(s) * 1.8;
			return b.items
				.flatMap((item, i) => {
					const lines = textLines(ctx, item, s, indent);
					const marker = b.numbered === false ? '•' : `${i + 1}.`;
					const [m] = ctx.wrap(marker, s, indent);
					const first = lines[0];
					lines[0] = {
						...first,
						draw: (page, top) => {
							drawLine(ctx, page, m, ctx.x, top, indent * 0.8, { ...s, align: 'right' });
							first.draw?.(page, top);
						}
					};
					return [...(lines.length <= 6 ? [together(lines)] : lines), gap(sizeOf(s) * 0.25)];
				})
				.concat(gap(sizeOf(s) * 0.4));
		}
		case 'kv': {
			const s: TextStyle = { size: b.size };
			const lw = b.labelWidth ?? sizeOf(s) * 6;
			const label: TextStyle = { ...s, color: MUTED };
			const rows = b.rows.map(([k, v]): Chunk => {
				const ks = ctx.wrap(k, label, lw - 6);
				const vs = ctx.wrap(v, s, ctx.width - lw);
				const lh = lineHeight(s);
				return {
					h: Math.max(ks.length, vs.length) * lh,
					draw: (page, top) => {
						ks.forEach((l, j) => drawLine(ctx, page, l, ctx.x, top - j * lh, lw, label));
						vs.forEach((l, j) =>
							drawLine(ctx, page, l, ctx.x + lw, top - j * lh, ctx.width - lw, s)
						);
					}
				};
			});
			return [...rows, gap(sizeOf(s) * 0.6)];
		}
		case 'table':
			return tableChunks(ctx, b);
		case 'qr':
			return qrChunks(ctx, b);
		case 'barChart':
			return barChartChunks(ctx, b);
		case 'space':
			return [gap(b.height)];
		case 'rule':
			return [
				{
					h: 12,
					draw: (page, top) =>
						page.drawLine({
							start: { x: ctx.x, y: top - 6 },
							end: { x: ctx.x + ctx.width, y: top - 6 },
							thickness: 0.8,
							color: LINE
						})
				}
			];
		case 'pageBreak':
			return [{ h: 0, pageBreak: true }];
	}
}
