import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { assembly, assemblyVoter, checkpoint, ledgerEntry } from '../db/schema';

export interface MyBallot {
	assemblyId: string;
	title: string;
	state: (typeof assembly.$inferSelect)['state'];
	revote: 'last' | 'first';
	seq: number;
	hash: string;
	at: Date;
	/** Whether this ballot is the one the revote rule counts (the others stay in the ledger). */
	status: 'counted' | 'superseded';
	/** Whether a signed checkpoint covers it, so the receipt carries an inclusion proof. */
	proven: boolean;
}

/**
 * The owner's ballots in every assembly they were on the frozen roll of, found through their
 * per-assembly pseudonym; newest assembly first, ballots in ledger order.
 */
export async function myBallots(
	db: Executor,
	ownerId: string,
	assemblyId?: string
): Promise<MyBallot[]> {
	const rows = await db
		.select({
			assemblyId: assembly.id,
			title: assembly.title,
			state: assembly.state,
			revote: assembly.revote,
			seq: ledgerEntry.seq,
			hash: ledgerEntry.hash,
			at: ledgerEntry.at
		})
		.from(assemblyVoter)
		.innerJoin(assembly, eq(assembly.id, assemblyVoter.assemblyId))
		.innerJoin(
			ledgerEntry,
			and(
				eq(ledgerEntry.assemblyId, assemblyVoter.assemblyId),
				eq(ledgerEntry.owner, assemblyVoter.pseudonym)
			)
		)
		.where(
			and(
				eq(assemblyVoter.ownerId, ownerId),
				eq(ledgerEntry.type, 'ballot'),
				assemblyId ? eq(assemblyVoter.assemblyId, assemblyId) : undefined
			)
		)
		.orderBy(desc(assembly.opensAt), asc(assembly.id), asc(ledgerEntry.seq));
	if (!rows.length) return [];
	const ids = [...new Set(rows.map((r) => r.assemblyId))];
	const sizes = await db
		.select({ assemblyId: checkpoint.assemblyId, treeSize: max(checkpoint.treeSize) })
		.from(checkpoint)
		.where(inArray(checkpoint.assemblyId, ids))
		.groupBy(checkpoint.assemblyId);
	const treeSize = new Map(sizes.map((s) => [s.assemblyId, s.treeSize ?? 0]));
	const counted = new Map<string, number>();
	for (const r of rows) {
		const seen = counted.get(r.assemblyId);
		// Rows come in seq order: "first" keeps the first seen, "last" the last.
		if (seen === undefined || r.revote === 'last') counted.set(r.assemblyId, r.seq);
	}
	return rows.map((r) => ({
		...r,
		status: counted.get(r.assemblyId) === r.seq ? 'counted' : 'superseded',
		proven: (treeSize.get(r.assemblyId) ?? 0) > r.seq
	}));
}

/** Per assembly, the one ballot of the owner that counts (what "您已投票" shows). */
export async function countedBallots(
	db: Executor,
	ownerId: string,
	assemblyId?: string
): Promise<MyBallot[]> {
	return (await myBallots(db, ownerId, assemblyId)).filter((b) => b.status === 'counted');
}
