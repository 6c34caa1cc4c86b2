import { json } from '@sveltejs/kit';
import { holdsOwnerRole } from '$lib/server/ballots/owner-access';
import { ownerEvidence } from '$lib/server/ledger/mine';
import { getAssembly } from '$lib/server/ledger/parts';
import type { RequestHandler } from './$types';

/**
 * The signed-in owner's own evidence (owner only): their ledger entries as hashed, the frozen roll
 * and the openings of their units, so their browser checks "my unit, my area, my ballot".
 */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const user = locals.user;
	if (!user || user.needsSecondFactor) return json({ message: 'unauthorized' }, { status: 401 });
	const a = await getAssembly(locals.db, params.assemblyId);
	if (!a || !user.ownerId || !(await holdsOwnerRole(event, a.estateId)))
		return json({ message: 'not_found' }, { status: 404 });
	const evidence = await ownerEvidence(locals.db, a.id, user.ownerId);
	if (!evidence) return json({ message: 'not_found' }, { status: 404 });
	return json(evidence, { headers: { 'cache-control': 'no-store' } });
};
