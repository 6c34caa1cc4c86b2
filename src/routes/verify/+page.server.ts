import { myBallots } from '$lib/server/ballots/my-ballots';
import type { PageServerLoad } from './$types';

/**
 * Public: anyone verifies a receipt or a record here without logging in. A signed-in owner also sees
 * what the ledgers hold under their pseudonyms (only they can link those to themselves).
 */
export const load: PageServerLoad = async ({ locals }) => {
	const ownerId = locals.user?.ownerId ?? null;
	if (!ownerId) return { myBallots: null };
	const mine = await myBallots(locals.db, ownerId);
	return { myBallots: mine.map((b) => ({ ...b, at: b.at.toISOString() })) };
};
