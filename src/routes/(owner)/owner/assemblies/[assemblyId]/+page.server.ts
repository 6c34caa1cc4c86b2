import { error } from '@sveltejs/kit';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { ownerView } from '$lib/server/assemblies/queries';
import { countedBallots } from '$lib/server/ballots/my-ballots';
import { storedResult } from '$lib/server/ledger/result-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	const view = user.ownerId
		? await ownerView(event.locals.db, user.ownerId, event.params.assemblyId)
		: null;
	if (!view) error(404, { message: 'not_found' });
	const [voted] = await countedBallots(event.locals.db, user.ownerId!, view.assembly.id);
	return {
		...view,
		voted: voted ? { seq: voted.seq, at: voted.at } : null,
		outcome: await storedResult(event.locals.db, view.assembly.id, 'public')
	};
};
