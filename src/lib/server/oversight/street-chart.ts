import type { streetTable } from './street-table';

export type StreetRow = Awaited<ReturnType<typeof streetTable>>[number];

export interface ChartLabels {
	title: string;
	desc: string;
	area: string;
	heads: string;
	twoThirds: string;
	noResult: string;
	/** Outcome code (passed, failed, no_quorum, complete, incomplete) → word. */
	outcome: Record<string, string>;
}

const W = 360;
const LABEL_W = 52;
const VALUE_W = 64;
const PLOT_X = LABEL_W;
const PLOT_W = W - LABEL_W - VALUE_W;
const BAR_H = 16;
const FONT = 15;
const TWO_THIRDS = 200 / 3;

const esc = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`
	);

/** `r1:passed r2:failed e1:complete` → `passed 1 · failed 1 · complete 1` in the labels' words. */
export function outcomeSummary(outcomes: string, words: Record<string, string>): string {
	const counts = new Map<string, number>();
	for (const part of outcomes.split(' ').filter(Boolean)) {
		const code = part.slice(part.lastIndexOf(':') + 1);
		counts.set(code, (counts.get(code) ?? 0) + 1);
	}
	return [...counts].map(([code, n]) => `${words[code] ?? code} ${n}`).join(' · ');
}

/**
 * The street table as a bar chart in plain SVG: per estate, participation by area and by heads
 * (percent of the roll) against the 2/3 line, and the outcomes in words. Every figure is also a
 * text label, and the chart carries a <title> and <desc> for screen readers.
 */
export function streetChartSvg(
	rows: StreetRow[],
	labels: ChartLabels,
	id = 'street-chart'
): string {
	const x = (pct: number) => PLOT_X + (PLOT_W * Math.min(100, Math.max(0, pct))) / 100;
	const parts: string[] = [];
	let y = 28;
	for (const r of rows) {
		const counted = r.areaPct !== '' && r.headsPct !== '';
		parts.push(`<g><text x="0" y="${y + FONT}" font-weight="600">${esc(r.estate)}</text>`);
		y += FONT + 8;
		if (!counted) {
			parts.push(
				`<text x="0" y="${y + FONT - 2}" fill="#57534e">${esc(labels.noResult)}</text></g>`
			);
			y += FONT + 18;
			continue;
		}
		for (const [label, value, fill] of [
			[labels.area, r.areaPct, '#1d4ed8'],
			[labels.heads, r.headsPct, '#0f766e']
		] as const) {
			const pct = Number(value);
			const w = x(pct) - PLOT_X;
			parts.push(
				`<text x="0" y="${y + BAR_H - 3}" font-size="${FONT - 2}">${esc(label)}</text>`,
				`<rect x="${PLOT_X}" y="${y}" width="${PLOT_W}" height="${BAR_H}" fill="#f5f5f4"/>`,
				`<rect x="${PLOT_X}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${fill}"/>`,
				`<text x="${W}" y="${y + BAR_H - 3}" text-anchor="end" font-size="${FONT - 1}">${esc(value)}%</text>`
			);
			y += BAR_H + 6;
		}
		const summary = outcomeSummary(r.outcomes, labels.outcome);
		parts.push(`<text x="0" y="${y + FONT - 2}" fill="#44403c">${esc(summary)}</text></g>`);
		y += FONT + 18;
	}
	const desc = [
		labels.desc,
		...rows.map((r) =>
			r.areaPct === '' || r.headsPct === ''
				? `${r.estate}: ${labels.noResult}`
				: `${r.estate}: ${labels.area} ${r.areaPct}%, ${labels.heads} ${r.headsPct}%, ${outcomeSummary(r.outcomes, labels.outcome)}`
		)
	].join('; ');
	const line = x(TWO_THIRDS).toFixed(1);
	const height = y;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="${FONT}" fill="#1c1917">`,
		`<title id="${id}-title">${esc(labels.title)}</title>`,
		`<desc id="${id}-desc">${esc(desc)}</desc>`,
		`<line x1="${line}" y1="18" x2="${line}" y2="${height - 8}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="4 3"/>`,
		`<text x="${line}" y="14" text-anchor="middle" fill="#b91c1c" font-size="${FONT - 2}">${esc(labels.twoThirds)}</text>`,
		...parts,
		'</svg>'
	].join('');
}

/** The chart's words from the `console` namespace in the UI language. */
export function chartLabels(t: (key: string) => string): ChartLabels {
	const outcome = Object.fromEntries(
		['passed', 'failed', 'no_quorum', 'complete', 'incomplete'].map((c) => [
			c,
			t(`console:chart.outcome.${c}`)
		])
	);
	return {
		title: t('console:chart.title'),
		desc: t('console:chart.desc'),
		area: t('console:chart.area'),
		heads: t('console:chart.heads'),
		twoThirds: t('console:chart.twoThirds'),
		noResult: t('console:chart.noResult'),
		outcome
	};
}
