import type { Db } from '../db/client';
import { ballotOrigin } from '../db/schema';
import { personalDataHasher } from '../secrets';

/**
 * Keeps keyed hashes (HMAC) of where an online ballot came from, beside the ledger and never in
 * it or the record, for the "many ballots from one address" flag. Best effort: a failure here
 * never touches the ballot, which is already committed.
 */
export async function recordBallotOrigin(
	db: Db,
	o: { assemblyId: string; seq: number; address: string; device: string; at?: Date }
): Promise<void> {
	const hash = await personalDataHasher(db);
	await db
		.insert(ballotOrigin)
		.values({
			assemblyId: o.assemblyId,
			seq: o.seq,
			addressHash: hash('addr:' + o.address),
			deviceHash: hash('dev:' + o.device),
			at: o.at ?? new Date()
		})
		.onConflictDoNothing();
}
