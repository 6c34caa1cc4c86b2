import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { assembly, ledgerEntry } from '../db/schema';
import { PUBLIC_STATES } from '../live/ledger-view';

/**
 * Which public ledger holds a ballot with this hash, and where: lets the verify page check a
 * receipt from its hash alone. Hashes are public in the ledger, so this reveals nothing new.
 */
export async function findBallotByHash(
	db: Executor,
	hash: string
): Promise<{ assembly: string; seq: number } | null> {
	const [row] = await db
		.select({ assembly: ledgerEntry.assemblyId, seq: ledgerEntry.seq })
		.from(ledgerEntry)
		.innerJoin(assembly, eq(assembly.id, ledgerEntry.assemblyId))
		.where(
			and(
				eq(ledgerEntry.hash, hash),
				eq(ledgerEntry.type, 'ballot'),
				inArray(assembly.state, PUBLIC_STATES as (typeof assembly.$inferSelect)['state'][])
			)
		)
		.limit(1);
	return row ?? null;
}
