import { translator } from '$lib/i18n';
import { requireAnyGrant } from '$lib/server/auth/guard';
import { streetTablePdf } from '$lib/server/oversight/street-pdf';
import { streetTableOf } from '$lib/server/oversight/street-table';
import type { RequestHandler } from './$types';

/** The street's estates table as an A4 PDF in the UI language (oversight accounts only). */
export const GET: RequestHandler = async (event) => {
	const grants = requireAnyGrant(event, 'oversight');
	const t = translator(event.locals.locale);
	const rows = await streetTableOf(event.locals.db, grants);
	const pdf = await streetTablePdf(rows, t, grants.map((g) => g.placeName).join('、'));
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': 'attachment; filename="estates.pdf"',
			'cache-control': 'private, no-store'
		}
	});
};
