import { color, drawLine, gap, lineHeight, MUTED, type Chunk, type Ctx } from './layout';

/** One horizontal bar: a percentage (0–100) with its label and colour ('#rrggbb'). */
export interface Bar {
	label: string;
	/** Percent, drawn clipped to 0–100 and printed as given. */
	value: number;
	text: string;
	fill: string;
}

/** A group of bars under a bold label (e.g. one estate), with an optional note line below. */
export interface BarGroup {
	label: string;
	bars: Bar[];
	/** Shown instead of bars when there are none (e.g. "no counted assembly"). */
	empty?: string;
	note?: string;
}

export interface BarChartBlock {
	type: 'barChart';
	title: string;
	groups: BarGroup[];
	/** A dashed reference line across the bars at this percent, labelled above the plot. */
	line?: { at: number; label: string };
	/** Colour key shown under the title. */
	legend?: { label: string; fill: string }[];
}

const SIZE = 9.5;
const BAR_H = 11;
const BAR_GAP = 4;
const RED = color('#b91c1c');
const TRACK = color('#ececea');

/**
 * A horizontal bar chart drawn with pdf-lib rectangles and lines: title and legend, then one
 * unbreakable chunk per group. The reference line's label heads the plot on every page the chart
 * runs onto. Every figure is printed as text too, so the chart reads without colour.
 */
export function barChartChunks(ctx: Ctx, b: BarChartBlock): Chunk[] {
	const s = { size: SIZE };
	const bold = { size: SIZE + 0.5, bold: true };
	const lh = lineHeight(s);
	// The collecting pass records the strings drawn (for the font subset).
	const bars = b.groups.flatMap((g) => g.bars);
	for (const t of [b.title, ...(b.legend ?? []).map((l) => l.label), b.line?.label ?? ''])
		ctx.wrap(t, t === b.title ? bold : s, ctx.width);
	for (const g of b.groups) {
		ctx.wrap(g.label, bold, ctx.width);
		if (g.empty) ctx.wrap(g.empty, s, ctx.width);
		if (g.note) ctx.wrap(g.note, s, ctx.width);
	}
	for (const t of bars.flatMap((x) => [x.label, x.text])) ctx.wrap(t, s, ctx.width);
	// Label and value columns sized to the longest text.
	const measure = (texts: string[]) => Math.max(0, ...texts.map((t) => ctx.widthOf(t, s)));
	const lw = Math.max(40, measure(bars.map((x) => x.label)) + 8);
	const vw = Math.max(36, measure(bars.map((x) => x.text)) + 8);
	const plotX = ctx.x + lw;
	const plotW = Math.max(60, Math.min(ctx.width - lw - vw, 320));
	const xAt = (pct: number) => plotX + (plotW * Math.min(100, Math.max(0, pct))) / 100;

	const refLine = (page: Parameters<NonNullable<Chunk['draw']>>[0], top: number, h: number) => {
		if (!b.line) return;
		const x = xAt(b.line.at);
		page.drawLine({
			start: { x, y: top },
			end: { x, y: top - h },
			thickness: 1,
			color: RED,
			dashArray: [3, 2]
		});
	};
	const lineLabel: Chunk = {
		h: lh,
		draw: (page, top) => {
			if (!b.line) return;
			const w = ctx.widthOf(b.line.label, s);
			drawLine(ctx, page, b.line.label, xAt(b.line.at) - w / 2, top, w + 2, {
				...s,
				color: '#b91c1c'
			});
		}
	};
	const head: Chunk = {
		h: lineHeight(bold) + (b.legend?.length ? lh : 0),
		keepWithNext: true,
		draw: (page, top) => {
			drawLine(ctx, page, b.title, ctx.x, top, ctx.width, bold);
			let x = ctx.x;
			const y = top - lineHeight(bold);
			for (const l of b.legend ?? []) {
				page.drawRectangle({ x, y: y - lh / 2 - 4, width: 8, height: 8, color: color(l.fill) });
				drawLine(ctx, page, l.label, x + 11, y, ctx.width, s);
				x += 11 + ctx.widthOf(l.label, s) + 14;
			}
		}
	};
	const groups = b.groups.map((g): Chunk => {
		const plotH = g.bars.length ? g.bars.length * BAR_H + (g.bars.length - 1) * BAR_GAP : lh;
		const h = lineHeight(bold) + plotH + (g.note ? lh : 0) + 8;
		return {
			h,
			header: lineLabel,
			draw: (page, top) => {
				drawLine(ctx, page, g.label, ctx.x, top, ctx.width, bold);
				let y = top - lineHeight(bold);
				if (!g.bars.length) {
					drawLine(ctx, page, g.empty ?? '', ctx.x, y, ctx.width, { ...s, color: MUTED });
				} else {
					const plotTop = y + 2;
					for (const bar of g.bars) {
						const ty = y + (lh - BAR_H) / 2;
						drawLine(ctx, page, bar.label, ctx.x, ty, lw, s);
						page.drawRectangle({
							x: plotX,
							y: y - BAR_H,
							width: plotW,
							height: BAR_H,
							color: TRACK
						});
						page.drawRectangle({
							x: plotX,
							y: y - BAR_H,
							width: xAt(bar.value) - plotX,
							height: BAR_H,
							color: color(bar.fill)
						});
						drawLine(ctx, page, bar.text, plotX + plotW + 4, ty, vw, { ...s, align: 'right' });
						y -= BAR_H + BAR_GAP;
					}
					y += BAR_GAP;
					refLine(page, plotTop, plotTop - y + 2);
				}
				if (g.note)
					drawLine(ctx, page, g.note, ctx.x, top - lineHeight(bold) - plotH, ctx.width, {
						...s,
						color: MUTED
					});
			}
		};
	});
	return [gap(6), head, { ...lineLabel, keepWithNext: true }, ...groups, gap(8)];
}
