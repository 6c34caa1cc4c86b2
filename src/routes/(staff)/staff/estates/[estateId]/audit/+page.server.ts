import { requireRole, requireUser } from '$lib/server/auth/guard';
import { auditPageData } from '$lib/server/audit-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff', 'oversight');
	// Oversight reads this page too; send them back to their own view of the estate.
	const isStaff = requireUser(event).grants.some((g) => g.role === 'staff' || g.role === 'admin');
	return {
		estate: { id: estate.id, name: estate.name },
		back: isStaff ? `/staff/estates/${estate.id}` : `/oversight/estates/${estate.id}`,
		audit: await auditPageData(event.locals.db, estate.id, event.url, event.locals.locale)
	};
};
