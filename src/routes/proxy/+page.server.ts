import { requireUser } from '$lib/server/auth/guard';
import { proxyMayVote, representedBy } from '$lib/server/proxy/queries';
import type { PageServerLoad } from './$types';

/** Any registered person may be a proxy: the page lists only authorisations naming this account. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const rows = await representedBy(event.locals.db, user.id);
	return {
		rows: await Promise.all(
			rows.map(async ({ ownerId: _o, directed: _d, assemblyForm: _f, revote: _r, ...r }) => ({
				...r,
				canVote:
					r.assemblyState === 'open' &&
					(await proxyMayVote(event.locals.db, { ...r, assemblyForm: _f, revote: _r }))
			}))
		)
	};
};
