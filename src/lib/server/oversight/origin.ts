import type { Db } from '../db/client';
import { ballotOrigin } from '../db/schema';
import { personalDataHasher } from '../secrets';

type OriginRow = typeof ballotOrigin.$inferInsert;
interface Waiting {
	row: OriginRow;
	resolve: () => void;
	reject: (e: unknown) => void;
}

/**
 * One writer per database handle: an origin goes out at once when none is being written, and
 * those arriving meanwhile go together in the next insert, one round trip for ballots of any
 * number of assemblies.
 */
class OriginWriter {
	private pending: Waiting[] = [];
	private busy = false;

	constructor(private readonly db: Db) {}

	write(row: OriginRow): Promise<void> {
		return new Promise((resolve, reject) => {
			this.pending.push({ row, resolve, reject });
			if (!this.busy) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.busy = true;
		try {
			while (this.pending.length) {
				const batch = this.pending.splice(0, 500);
				try {
					await this.db
						.insert(ballotOrigin)
						.values(batch.map((w) => w.row))
						.onConflictDoNothing();
					for (const w of batch) w.resolve();
				} catch (e) {
					for (const w of batch) w.reject(e);
				}
			}
		} finally {
			this.busy = false;
		}
	}
}

const writers = new WeakMap<Db, OriginWriter>();

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
	let writer = writers.get(db);
	if (!writer) writers.set(db, (writer = new OriginWriter(db)));
	await writer.write({
		assemblyId: o.assemblyId,
		seq: o.seq,
		addressHash: hash('addr:' + o.address),
		deviceHash: hash('dev:' + o.device),
		at: o.at ?? new Date()
	});
}
