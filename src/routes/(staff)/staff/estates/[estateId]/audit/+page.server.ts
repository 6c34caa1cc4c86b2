import { parsePage } from '$lib/server/paging';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { auditTrail } from '$lib/server/publication/audit-trail';
import { formatTime } from '$lib/server/publication/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff', 'oversight');
	const page = parsePage(event.url.searchParams.get('page'));
	const trail = await auditTrail(event.locals.db, estate.id, page);
	// Oversight reads this page too; send them back to their own view of the estate.
	const isStaff = requireUser(event).grants.some((g) => g.role === 'staff' || g.role === 'admin');
	return {
		estate: { id: estate.id, name: estate.name },
		back: isStaff ? `/staff/estates/${estate.id}` : `/oversight/estates/${estate.id}`,
		page,
		pages: trail.pages,
		total: trail.total,
		check: trail.check,
		events: trail.events.map((e) => ({
			...e,
			at: formatTime(e.at, event.locals.locale)
		}))
	};
};
