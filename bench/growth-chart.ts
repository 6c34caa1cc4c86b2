/**
 * Draws docs/performance.svg from bench/results/growth.json: one panel per growth axis, each
 * measured figure next to its ceiling from the same run, log-scaled sizes. Plain SVG, no
 * dependencies. Run alone: npx tsx bench/growth-chart.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Point = Record<string, number>;
interface Panel {
	title: string;
	x: string;
	xLabel: (v: number) => string;
	unit: string;
	lines: { key: string; label: string; color: string; dash?: boolean }[];
}

const PANELS: Record<string, Panel> = {
	estate: {
		title: 'Roll import vs estate size',
		x: 'units',
		xLabel: (v) => `${v / 1000}k units`,
		unit: 's',
		lines: [
			{ key: 'import_s', label: 'import (preview + commit)', color: '#c2410c' },
			{ key: 'bare_inserts_s', label: 'bare inserts (ceiling)', color: '#64748b', dash: true }
		]
	},
	ballots: {
		title: 'Verify and count vs ballots',
		x: 'ballots',
		xLabel: (v) => (v >= 1e6 ? `${v / 1e6}M` : `${v / 1000}k`) + ' ballots',
		unit: 's',
		lines: [
			{ key: 'verify_s', label: 'verify + count', color: '#1d4ed8' },
			{ key: 'parse_hash_s', label: 'parse + hash (ceiling)', color: '#64748b', dash: true }
		]
	},
	assemblies: {
		title: 'Casting vs open assemblies',
		x: 'assemblies',
		xLabel: (v) => `${v} open`,
		unit: '/s',
		lines: [
			{ key: 'ballots_per_s', label: 'ballots/s (chained)', color: '#15803d' },
			{ key: 'plain_insert_per_s', label: 'plain insert/s (ceiling)', color: '#64748b', dash: true }
		]
	}
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function panel(p: Panel, points: Point[], ox: number): string {
	const [W, H, L, T, B] = [300, 300, 46, 40, 70];
	const xs = points.map((q) => Math.log10(q[p.x]));
	const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
	const ymax = Math.max(...points.flatMap((q) => p.lines.map((l) => q[l.key] ?? 0))) * 1.15 || 1;
	const px = (v: number) => ox + L + ((Math.log10(v) - x0) / (x1 - x0 || 1)) * (W - L - 20);
	const py = (v: number) => T + (1 - v / ymax) * (H - T - B);
	const parts = [
		`<text x="${ox + W / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`,
		`<line x1="${ox + L}" y1="${py(0)}" x2="${ox + W - 10}" y2="${py(0)}" stroke="#94a3b8"/>`,
		`<line x1="${ox + L}" y1="${T}" x2="${ox + L}" y2="${py(0)}" stroke="#94a3b8"/>`
	];
	for (let i = 0; i <= 4; i++) {
		const v = (ymax / 1.15) * (i / 4);
		parts.push(
			`<text x="${ox + L - 4}" y="${py(v) + 4}" text-anchor="end" font-size="10">${fmt(v)}${p.unit}</text>`,
			`<line x1="${ox + L}" y1="${py(v)}" x2="${ox + W - 10}" y2="${py(v)}" stroke="#e2e8f0"/>`
		);
	}
	for (const q of points)
		parts.push(
			`<text x="${px(q[p.x])}" y="${py(0) + 16}" text-anchor="middle" font-size="10">${esc(p.xLabel(q[p.x]))}</text>`
		);
	p.lines.forEach((l, li) => {
		const pts = points.filter((q) => q[l.key] !== undefined);
		parts.push(
			`<polyline fill="none" stroke="${l.color}" stroke-width="2"${l.dash ? ' stroke-dasharray="5 4"' : ''} points="${pts.map((q) => `${px(q[p.x]).toFixed(1)},${py(q[l.key]).toFixed(1)}`).join(' ')}"/>`
		);
		for (const q of pts)
			parts.push(
				`<circle cx="${px(q[p.x]).toFixed(1)}" cy="${py(q[l.key]).toFixed(1)}" r="3" fill="${l.color}"/>`,
				`<text x="${px(q[p.x]).toFixed(1)}" y="${(py(q[l.key]) - 6).toFixed(1)}" text-anchor="middle" font-size="9" fill="${l.color}">${fmt(q[l.key])}</text>`
			);
		const ly = H - B + 34 + li * 14;
		parts.push(
			`<line x1="${ox + L}" y1="${ly - 4}" x2="${ox + L + 18}" y2="${ly - 4}" stroke="${l.color}" stroke-width="2"${l.dash ? ' stroke-dasharray="5 4"' : ''}/>`,
			`<text x="${ox + L + 24}" y="${ly}" font-size="10">${esc(l.label)}</text>`
		);
	});
	return parts.join('\n');
}

export function drawPerformanceChart(resultsFile: string, svgFile: string): void {
	const { series, at } = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
		series: Record<string, Point[]>;
		at: string;
	};
	const keys = Object.keys(PANELS).filter((k) => series[k]?.length);
	const width = 300 * keys.length + 20;
	const body = keys.map((k, i) => panel(PANELS[k], series[k], 10 + 300 * i)).join('\n');
	writeFileSync(
		svgFile,
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="320" viewBox="0 0 ${width} 320" font-family="sans-serif" font-size="12">\n` +
			`<rect width="100%" height="100%" fill="#fff"/>\n${body}\n` +
			`<text x="${width - 10}" y="314" text-anchor="end" font-size="9" fill="#64748b">bench/results/growth.json, ${esc(at.slice(0, 16))} UTC; 2-core machine</text>\n</svg>\n`
	);
}

if (import.meta.url === `file://${process.argv[1]}`)
	drawPerformanceChart('bench/results/growth.json', 'docs/performance.svg');
