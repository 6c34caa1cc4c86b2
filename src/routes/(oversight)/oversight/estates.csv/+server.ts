import { translator } from '$lib/i18n';
import { requireAnyGrant } from '$lib/server/auth/guard';
import { toCsv } from '$lib/server/csv';
import { streetTableOf } from '$lib/server/oversight/street-table';
import type { RequestHandler } from './$types';

/** The street's estates with the latest result's participation and outcomes, formula-safe CSV. */
export const GET: RequestHandler = async (event) => {
	const grants = requireAnyGrant(event, 'oversight');
	const t = translator(event.locals.locale);
	const rows = await streetTableOf(event.locals.db, grants);
	const keys = [
		'estate',
		'units',
		'heads',
		'area',
		'assembly',
		'areaPct',
		'headsPct',
		'outcomes'
	] as const;
	const csv = toCsv(
		keys.map((k) => t(`console:csv.${k}`)),
		rows.map((r) => keys.map((k) => r[k]))
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="estates.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
