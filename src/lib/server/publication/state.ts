import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { rollPublication } from '../db/schema';

export type Publication = typeof rollPublication.$inferSelect;

/** The estate's live publication (published or frozen), or null when none or only withdrawn ones. */
export async function currentPublication(
	db: Executor,
	estateId: string
): Promise<Publication | null> {
	const [row] = await db
		.select()
		.from(rollPublication)
		.where(
			and(
				eq(rollPublication.estateId, estateId),
				inArray(rollPublication.state, ['published', 'frozen'])
			)
		)
		.orderBy(desc(rollPublication.publishedAt))
		.limit(1);
	return row ?? null;
}

/** Every publication of an estate, newest first (withdrawn ones stay as history). */
export function listPublications(db: Executor, estateId: string) {
	return db
		.select()
		.from(rollPublication)
		.where(eq(rollPublication.estateId, estateId))
		.orderBy(desc(rollPublication.publishedAt));
}

export interface RollLock {
	locked: boolean;
	reason: 'published' | 'frozen' | null;
	publication: Publication | null;
}

/**
 * Whether the estate's roll may be edited or re-imported: not while it is published for objections
 * (owners are checking what they see) nor once it is frozen (votes are counted against it). Call it
 * inside the editing transaction so the check and the edit see the same state.
 */
export async function rollLock(db: Executor, estateId: string): Promise<RollLock> {
	const publication = await currentPublication(db, estateId);
	if (!publication) return { locked: false, reason: null, publication: null };
	return { locked: true, reason: publication.state as 'published' | 'frozen', publication };
}
