import type { Block } from './blocks';
import { color, drawLine, gap, lineHeight, BODY_SIZE, LINE } from './layout';
import type { Chunk, Ctx, TextStyle } from './layout';

/** A table: header row (repeated after a page break), body rows, optional bold foot row. */
export function tableChunks(ctx: Ctx, b: Extract<Block, { type: 'table' }>): Chunk[] {
	const size = b.size ?? BODY_SIZE - 1;
	const pad = size * 0.4;
	const total = b.columns.reduce((a, c) => a + (c.width ?? 1), 0);
	const widths = b.columns.map((c) => ((c.width ?? 1) / total) * ctx.width);
	const row = (cells: string[], bold: boolean, fill?: string): Chunk => {
		const styles = b.columns.map((c): TextStyle => ({ size, bold, align: c.align, leading: 1.4 }));
		const wrapped = widths.map((w, i) => ctx.wrap(cells[i] ?? '', styles[i], w - 2 * pad));
		const lh = lineHeight(styles[0]);
		const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad;
		return {
			h,
			draw: (page, top) => {
				let x = ctx.x;
				wrapped.forEach((lines, i) => {
					const w = widths[i];
					page.drawRectangle({
						...{ x, y: top - h, width: w, height: h, borderColor: LINE, borderWidth: 0.6 },
						...(fill ? { color: color(fill) } : {})
					});
					lines.forEach((l, j) =>
						drawLine(ctx, page, l, x + pad, top - pad - j * lh, w - 2 * pad, styles[i])
					);
					x += w;
				});
			}
		};
	};
	const header = row(
		b.columns.map((c) => c.header),
		true,
		'#eeeeee'
	);
	const body = b.rows.map((r) => ({ ...row(r, false), header }));
	const foot = b.foot ? [{ ...row(b.foot, true), header }] : [];
	return [{ ...header, keepWithNext: true }, ...body, ...foot, gap(size * 0.8)];
}
