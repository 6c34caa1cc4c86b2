import { error } from '@sveltejs/kit';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { ownerView } from '$lib/server/assemblies/queries';
import { storedResult } from '$lib/server/ledger/result-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	const view = user.ownerId
		? await ownerView(event.locals.db, user.ownerId, event.params.assemblyId)
		: null;
	if (!view) error(404, { message: 'not_found' });
	return { ...view, outcome: await storedResult(event.locals.db, view.assembly.id, 'public') };
};
