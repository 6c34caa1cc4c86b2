import { and, asc, eq } from 'drizzle-orm';
import type { Roll } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assemblyVoter, ledgerEntry, rollOpening } from '../db/schema';
import { getAssembly, recordItems } from './parts';

/**
 * What only this owner may see of an assembly's evidence, for their own browser to check: their
 * ledger entries exactly as hashed, the frozen roll and open entry, and the openings of their own
 * units' label commitments. Null when the owner is not on this assembly's roll.
 */
export async function ownerEvidence(db: Executor, assemblyId: string, ownerId: string) {
	const a = await getAssembly(db, assemblyId);
	if (!a?.rollJson) return null;
	const [voter] = await db
		.select({ pseudonym: assemblyVoter.pseudonym })
		.from(assemblyVoter)
		.where(and(eq(assemblyVoter.assemblyId, assemblyId), eq(assemblyVoter.ownerId, ownerId)));
	if (!voter) return null;
	const roll = JSON.parse(a.rollJson) as Roll;
	const mine = new Set(roll.units.filter((u) => u.owner === voter.pseudonym).map((u) => u.id));
	const [openings, entries, items] = await Promise.all([
		db.select().from(rollOpening).where(eq(rollOpening.assemblyId, assemblyId)),
		db
			.select({
				seq: ledgerEntry.seq,
				body: ledgerEntry.body,
				hash: ledgerEntry.hash,
				owner: ledgerEntry.owner
			})
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, assemblyId))
			.orderBy(asc(ledgerEntry.seq)),
		recordItems(db, assemblyId)
	]);
	return {
		assembly: { id: a.id, title: a.title, state: a.state, rules: { revote: a.revote } },
		pseudonym: voter.pseudonym,
		roll: a.rollJson,
		// The body is the entry without its hash (the bytes hashed); the hash is stored beside it.
		open: entries[0]?.body ?? null,
		openHash: entries[0]?.hash ?? null,
		ballots: entries
			.filter((e) => e.owner === voter.pseudonym)
			.map((e) => ({ seq: e.seq, body: e.body, hash: e.hash })),
		openings: openings
			.filter((o) => mine.has(o.recordId))
			.map((o) => ({ id: o.recordId, label: o.label, salt: o.salt })),
		items
	};
}
