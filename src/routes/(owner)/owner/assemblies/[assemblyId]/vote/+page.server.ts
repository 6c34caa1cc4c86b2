import { error } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { ballotPage, ballotPageVisible } from '$lib/server/ballots/ballot-page';
import { getAssembly } from '$lib/server/ledger/parts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!user.ownerId) error(403, { message: 'forbidden' });
	const a = await getAssembly(event.locals.db, event.params.assemblyId);
	if (!a || !ballotPageVisible(a)) error(404, { message: 'not_found' });
	await requireRole(event, a.estateId, 'owner');
	return ballotPage(event.locals.db, a, user.ownerId, event.locals.locale);
};
