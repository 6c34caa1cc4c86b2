import type { Translate } from '../../i18n';
import { renderDocument } from '../pdf';
import { outcomeSummary, chartLabels, type StreetRow } from './street-chart';

const KEYS = ['estate', 'units', 'heads', 'area', 'assembly', 'areaPct', 'headsPct'] as const;

/** The street table as an A4 PDF in the UI language, with page numbers. */
export function streetTablePdf(
	rows: StreetRow[],
	t: Translate,
	scope: string
): Promise<Uint8Array> {
	const words = chartLabels(t).outcome;
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
			}
		],
		{ footer: t('console:pdf.footer'), title: t('console:pdf.title') }
	);
}
