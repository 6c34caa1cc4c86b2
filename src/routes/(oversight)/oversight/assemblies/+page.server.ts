import { requireAnyGrant } from '$lib/server/auth/guard';
import { listForOversight } from '$lib/server/assemblies/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const grants = requireAnyGrant(event, 'oversight');
	const lists = await Promise.all(
		grants.map((g) => listForOversight(event.locals.db, g.placePath))
	);
	const all = [...new Map(lists.flat().map((a) => [a.id, a])).values()];
	const editable = (s: string) => s === 'draft' || s === 'returned';
	return {
		queue: all.filter((a) => a.state === 'filed' || (editable(a.state) && a.pendingCandidates > 0)),
		all
	};
};
