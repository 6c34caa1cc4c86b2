import { isHttpError } from '@sveltejs/kit';
import { requireRole } from '../auth/guard';

type GuardEvent = Parameters<typeof requireRole>[0];

/**
 * Whether the signed-in user holds the owner role on the estate. An owner's grant names the estate
 * itself, so the common case needs no query (the ballot endpoint must stay lean); any other grant
 * goes through `requireRole`, which resolves places above the estate.
 */
export async function holdsOwnerRole(event: GuardEvent, estateId: string): Promise<boolean> {
	const user = event.locals.user;
	if (!user || user.needsSecondFactor) return false;
	if (user.grants.some((g) => g.role === 'owner' && g.placeId === estateId)) return true;
	try {
		await requireRole(event, estateId, 'owner');
		return true;
	} catch (e) {
		if (isHttpError(e)) return false;
		throw e;
	}
}
