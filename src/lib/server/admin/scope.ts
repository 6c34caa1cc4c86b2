import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { place, roleGrant } from '../db/schema';

/** The root place (path "/"): an admin grant on it is what makes a platform-wide admin. */
export const ROOT_PLACE_ID = 'platform';
export const ROOT_PATH = '/';

/** The place paths the actor administers, read fresh from the database (not from the session). */
export async function adminPaths(db: Executor, actorId: string): Promise<string[]> {
	const rows = await db
		.select({ path: place.path })
		.from(roleGrant)
		.innerJoin(place, eq(place.id, roleGrant.placeId))
		.where(and(eq(roleGrant.accountId, actorId), eq(roleGrant.role, 'admin')));
	return rows.map((r) => r.path);
}

/** A path lies in scope when one of the actor's admin grants is at or above it. */
export function inScope(paths: string[], target: string): boolean {
	return paths.some((p) => target.startsWith(p));
}

/** The root row the migrations seed, made again where a database was emptied (tests, demo). */
export async function ensureRootPlace(db: Executor): Promise<void> {
	await db
		.insert(place)
		.values({ id: ROOT_PLACE_ID, kind: 'platform', name: '平台', path: ROOT_PATH })
		.onConflictDoNothing();
}
