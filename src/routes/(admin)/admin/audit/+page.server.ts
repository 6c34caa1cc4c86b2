import { requireAnyGrant } from '$lib/server/auth/guard';
import { auditPageData } from '$lib/server/audit-view';
import type { PageServerLoad } from './$types';

/** The platform's own trail: places, accounts and their sign-in settings. */
export const load: PageServerLoad = async (event) => {
	requireAnyGrant(event, 'admin');
	return {
		audit: await auditPageData(event.locals.db, 'platform', event.url, event.locals.locale)
	};
};
