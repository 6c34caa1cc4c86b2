import type { Translate } from '../../i18n';
import { renderDocument } from '../pdf';
import { outcomeSummary, chartLabels, type StreetRow } from './street-chart';

const KEYS = ['estate', 'units', 'heads', 'area', 'assembly', 'areaPct', 'headsPct'] as const;

const AREA = '#1d4ed8';
const HEADS = '#0f766e';

/** The street table and its chart as an A4 PDF in the UI language, with page numbers. */
export function streetTablePdf(
	rows: StreetRow[],
	t: Translate,
	scope: string
): Promise<Uint8Array> {
	const labels = chartLabels(t);
	const words = labels.outcome;
	return renderDocument(
		[
			{ type: 'heading', text: `${scope} · ${t('console:pdf.title')}` },
			{
				type: 'table',
				size: 8.5,
				columns: [
					...KEYS.map((k) => ({
						header: t(`console:csv.${k}`),
						width: k === 'estate' || k === 'assembly' ? 1.6 : 1,
						align: k === 'estate' || k === 'assembly' ? ('left' as const) : ('right' as const)
					})),
					{ header: t('console:csv.outcomes'), width: 1.6 }
				],
				rows: rows.map((r) => [...KEYS.map((k) => String(r[k])), outcomeSummary(r.outcomes, words)])
			},
			{
				// The console's chart (street-chart.ts) in the same colours and words.
				type: 'barChart',
				title: labels.title,
				legend: [
					{ label: labels.area, fill: AREA },
					{ label: labels.heads, fill: HEADS }
				],
				line: { at: 200 / 3, label: labels.twoThirds },
				groups: rows.map((r) =>
					r.areaPct === '' || r.headsPct === ''
						? { label: r.estate, bars: [], empty: labels.noResult }
						: {
								label: r.estate,
								bars: [
									{
										label: labels.area,
										value: Number(r.areaPct),
										text: `${r.areaPct}%`,
										fill: AREA
									},
									{
										label: labels.heads,
										value: Number(r.headsPct),
										text: `${r.headsPct}%`,
										fill: HEADS
									}
								],
								note: outcomeSummary(r.outcomes, words)
							}
				)
			}
		],
		{ footer: t('console:pdf.footer'), title: t('console:pdf.title') }
	);
}
