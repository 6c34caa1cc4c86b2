import { requireAnyGrant } from '$lib/server/auth/guard';
import { auditCsv } from '$lib/server/audit-view';
import type { RequestHandler } from './$types';

/** The platform's audit trail (filtered as on the page) as formula-safe CSV. */
export const GET: RequestHandler = async (event) => {
	requireAnyGrant(event, 'admin');
	const csv = await auditCsv(event.locals.db, 'platform', event.url, event.locals.locale);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="platform-audit.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
