import { eq } from 'drizzle-orm';
import type { CurrentUser } from '../auth/guard';
import type { Executor } from '../db/client';
import { place } from '../db/schema';
import { getAssembly } from '../ledger/parts';
import { isEstateOfficial } from '../live/ledger-view';

/**
 * Who may download the minutes: the estate's staff and oversight (and admins) once counted; the
 * estate's owners once the result is published. Anybody else gets a 404, as for other pages.
 */
export async function mayDownloadMinutes(
	db: Executor,
	user: CurrentUser | null,
	assemblyId: string
): Promise<boolean> {
	const a = await getAssembly(db, assemblyId);
	if (!a || !user || (a.state !== 'counted' && a.state !== 'published')) return false;
	if (await isEstateOfficial(db, user, a.estateId)) return true;
	if (a.state !== 'published') return false;
	const [estate] = await db
		.select({ path: place.path })
		.from(place)
		.where(eq(place.id, a.estateId));
	return (
		!!estate && user.grants.some((g) => g.role === 'owner' && estate.path.startsWith(g.placePath))
	);
}
