import { ballotsOfOwner } from '$lib/server/live/ledger-view';
import type { PageServerLoad } from './$types';

/**
 * Public: anyone verifies a receipt or a record here without logging in. A signed-in owner also sees
 * what the ledgers hold under their pseudonyms (only they can link those to themselves).
 */
export const load: PageServerLoad = async ({ locals }) => {
	const ownerId = locals.user?.ownerId ?? null;
	return { myBallots: ownerId ? await ballotsOfOwner(locals.db, ownerId) : null };
};
