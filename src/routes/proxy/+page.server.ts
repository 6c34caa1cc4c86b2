import { requireUser } from '$lib/server/auth/guard';
import { representedBy } from '$lib/server/proxy/queries';
import type { PageServerLoad } from './$types';

/** Any registered person may be a proxy: the page lists only authorisations naming this account. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const rows = await representedBy(event.locals.db, user.id);
	return { rows: rows.map(({ ownerId: _o, directed: _d, ...r }) => r) };
};
