import { requireRole } from '$lib/server/auth/guard';
import { auditCsv } from '$lib/server/audit-view';
import type { RequestHandler } from './$types';

/** The estate's audit trail (filtered as on the page) as formula-safe CSV. */
export const GET: RequestHandler = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff', 'oversight');
	const csv = await auditCsv(event.locals.db, estate.id, event.url, event.locals.locale);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="audit.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
