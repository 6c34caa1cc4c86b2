import { and, eq, inArray } from 'drizzle-orm';
import { makeBallotEntry } from '../../domain/ledger/entries';
import { canonicalJson } from '../../domain/record/canonical';
import type { BallotEntry, Channel, Choice } from '../../domain/record/types';
import type { Db, Tx } from '../db/client';
import { assembly, ballotIdempotency, ledgerEntry } from '../db/schema';
import { insertEntries, lastEntry, lockLedger } from '../ledger/store';
import {
	fastAppendMany,
	isUniqueViolation,
	type FastOutcome,
	type FastPart,
	type KnownHead
} from './fast-append';

export interface PendingBallot {
	assemblyId: string;
	pseudonym: string;
	accountId: string;
	channel: Channel;
	choices: Record<string, Choice>;
	nonce: string;
	idempotencyKey: string | null;
	/** The caller's clock for the entry's time (seeding the demo's past assembly); else flush time. */
	at?: Date;
}
export type AppendResult =
	| { ok: true; seq: number; hash: string; at: string; replayed: boolean }
	| { ok: false; code: 'ballot.closed' | 'ballot.alreadyVoted' | 'ballot.keyReused' };

/** A keyed submission's outcome and the canonical JSON of its choices, to tell a retry from reuse. */
interface Keyed {
	result: AppendResult;
	choices: string;
}

/** The latest caller time in a batch, so entry times never run behind a submitted ballot. */
function latest(batch: PendingBallot[]): Date | undefined {
	let t: Date | undefined;
	for (const b of batch) if (b.at && (!t || b.at > t)) t = b.at;
	return t;
}

interface Waiting {
	ballot: PendingBallot;
	resolve: (r: AppendResult) => void;
	reject: (e: unknown) => void;
}

const MAX_BATCH = 200;
/** Tries of the locked path when a lock-free append of another process overtook it. */
const LOCKED_ATTEMPTS = 20;
/** Fast-append statements one process has in flight at once, and assemblies in one statement. */
const LANE_IN_FLIGHT = 4;
const LANE_PARTS = 64;

/**
 * The fast appends of every assembly, coalesced: a part goes out at once while fewer than
 * LANE_IN_FLIGHT statements are in flight, and the parts arriving meanwhile go together in the
 * next one. With many open assemblies, concurrent ballots rarely share an assembly; this way they
 * still share a round trip. Each assembly has at most one part waiting or in flight (its queue
 * drains one batch at a time), so a statement never holds two parts of one chain.
 */
class FastLane {
	private waiting: {
		part: FastPart;
		resolve: (r: FastOutcome) => void;
		reject: (e: unknown) => void;
	}[] = [];
	private inFlight = 0;

	constructor(private readonly db: Db) {}

	append(part: FastPart): Promise<FastOutcome> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ part, resolve, reject });
			this.pump();
		});
	}

	private pump(): void {
		while (this.inFlight < LANE_IN_FLIGHT && this.waiting.length) {
			void this.send(this.waiting.splice(0, LANE_PARTS));
		}
	}

	private async send(group: FastLane['waiting']): Promise<void> {
		this.inFlight++;
		try {
			const out = await fastAppendMany(
				this.db,
				group.map((w) => w.part)
			);
			group.forEach((w, i) => w.resolve(out[i]));
		} catch (e) {
			for (const w of group) w.reject(e);
		} finally {
			this.inFlight--;
			this.pump();
		}
	}
}

/**
 * A batching sequencer: concurrent ballots for one assembly wait while the previous transaction
 * commits, then go into the chain together in one transaction under the ledger lock. Each ballot is
 * acknowledged only after its transaction commits. Several processes may append: the lock and the
 * head read inside the transaction keep one chain.
 */
export class Sequencer {
	private queues = new Map<string, Waiting[]>();
	private busy = new Set<string>();
	/** Heads this process appended under revote "last", for the one-statement fast path. */
	private heads = new Map<string, KnownHead>();
	private readonly lane: FastLane;

	constructor(private readonly db: Db) {
		this.lane = new FastLane(db);
	}

	submit(ballot: PendingBallot): Promise<AppendResult> {
		return new Promise((resolve, reject) => {
			const q = this.queues.get(ballot.assemblyId) ?? [];
			q.push({ ballot, resolve, reject });
			this.queues.set(ballot.assemblyId, q);
			if (!this.busy.has(ballot.assemblyId)) void this.drain(ballot.assemblyId);
		});
	}

	private async drain(assemblyId: string): Promise<void> {
		this.busy.add(assemblyId);
		try {
			for (;;) {
				const q = this.queues.get(assemblyId);
				if (!q?.length) break;
				const batch = q.splice(0, MAX_BATCH);
				try {
					const results = await this.flush(
						assemblyId,
						batch.map((w) => w.ballot)
					);
					batch.forEach((w, i) => w.resolve(results[i]));
				} catch (e) {
					for (const w of batch) w.reject(e);
				}
			}
		} finally {
			this.busy.delete(assemblyId);
			this.queues.delete(assemblyId);
		}
	}

	private async flush(assemblyId: string, batch: PendingBallot[]): Promise<AppendResult[]> {
		const known = this.heads.get(assemblyId);
		if (known) {
			const now = latest(batch) ?? new Date();
			const fast = await this.lane.append({ assemblyId, batch, known, now });
			if (fast) {
				known.entry = fast.head;
				return fast.results;
			}
			this.heads.delete(assemblyId);
		}
		const { results, head } = await this.lockedFlushRetrying(assemblyId, batch);
		if (head) this.heads.set(assemblyId, head);
		else this.heads.delete(assemblyId);
		return results;
	}

	/**
	 * Another process's fast append takes no lock, so it may commit between the locked path's head
	 * read and its insert: the ledger's constraints refuse the insert, the transaction rolls back
	 * whole, and the locked path runs again on the new head.
	 */
	private async lockedFlushRetrying(assemblyId: string, batch: PendingBallot[]) {
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.lockedFlush(assemblyId, batch);
			} catch (e) {
				if (attempt >= LOCKED_ATTEMPTS || !isUniqueViolation(e)) throw e;
			}
		}
	}

	/** The locked path: reads the head, the state and earlier receipts under the ledger lock. */
	private lockedFlush(
		assemblyId: string,
		batch: PendingBallot[]
	): Promise<{ results: AppendResult[]; head: KnownHead | null }> {
		return this.db.transaction(async (tx) => {
			// One round trip instead of four: the lock, then the state, the head and earlier keys are
			// sent together on the transaction's connection. PostgreSQL runs them in order, so the
			// reads start only once the lock is held and see every append committed before it.
			const [, [a], last, replays] = await Promise.all([
				lockLedger(tx, assemblyId),
				tx
					.select({
						state: assembly.state,
						closesAt: assembly.closesAt,
						opensAt: assembly.opensAt,
						revote: assembly.revote
					})
					.from(assembly)
					.where(eq(assembly.id, assemblyId)),
				lastEntry(tx, assemblyId),
				this.replays(tx, assemblyId, batch)
			]);
			const now = latest(batch) ?? new Date();
			let head = last;
			if (!a || a.state !== 'open' || !head || head.type === 'close' || now >= a.closesAt) {
				return {
					results: batch.map(() => ({ ok: false, code: 'ballot.closed' }) as const),
					head: null
				};
			}
			const voted =
				a.revote === 'first' ? await this.alreadyVoted(tx, assemblyId, batch) : new Set<string>();
			const at = now.toISOString();
			const results: AppendResult[] = [];
			const entries: BallotEntry[] = [];
			const keys: (typeof ballotIdempotency.$inferInsert)[] = [];
			const keyed = new Map<string, Keyed>();
			for (const b of batch) {
				const k = b.idempotencyKey && `${b.accountId}\n${b.idempotencyKey}`;
				const replay = k ? (keyed.get(k) ?? replays.get(k)) : undefined;
				if (replay) {
					// The same key with other choices is not a retry: refused, never a second ballot.
					const r = replay.result;
					if (replay.choices !== canonicalJson(b.choices))
						results.push({ ok: false, code: 'ballot.keyReused' });
					else results.push(r.ok ? { ...r, replayed: true } : r);
					continue;
				}
				let r: AppendResult;
				if (voted.has(b.pseudonym)) r = { ok: false, code: 'ballot.alreadyVoted' };
				else {
					const entry = makeBallotEntry(head!, {
						at,
						owner: b.pseudonym,
						channel: b.channel,
						choices: b.choices,
						nonce: b.nonce
					});
					entries.push(entry);
					head = entry;
					if (a.revote === 'first') voted.add(b.pseudonym);
					r = { ok: true, seq: entry.seq, hash: entry.hash, at, replayed: false };
					if (b.idempotencyKey)
						keys.push({
							assemblyId,
							accountId: b.accountId,
							key: b.idempotencyKey,
							seq: entry.seq
						});
				}
				if (k) keyed.set(k, { result: r, choices: canonicalJson(b.choices) });
				results.push(r);
			}
			// Both inserts in one round trip (no foreign key between them).
			await Promise.all([
				insertEntries(tx, assemblyId, entries),
				keys.length ? tx.insert(ballotIdempotency).values(keys) : null
			]);
			// Revote "first" needs the earlier ballots of each owner: it stays on the locked path.
			const known = a.revote === 'last' ? { entry: head!, closesAt: a.closesAt } : null;
			return { results, head: known };
		});
	}

	/**
	 * Earlier submissions with the same Idempotency-Key, answered with their original receipt when
	 * the choices are the same (the entry's body holds them as hashed).
	 */
	private async replays(tx: Tx, assemblyId: string, batch: PendingBallot[]) {
		const out = new Map<string, Keyed>();
		const keyed = batch.filter((b) => b.idempotencyKey);
		if (!keyed.length) return out;
		const rows = await tx
			.select({
				accountId: ballotIdempotency.accountId,
				key: ballotIdempotency.key,
				seq: ballotIdempotency.seq,
				hash: ledgerEntry.hash,
				at: ledgerEntry.at,
				body: ledgerEntry.body
			})
			.from(ballotIdempotency)
			.innerJoin(
				ledgerEntry,
				and(
					eq(ledgerEntry.assemblyId, ballotIdempotency.assemblyId),
					eq(ledgerEntry.seq, ballotIdempotency.seq)
				)
			)
			.where(
				and(
					eq(ballotIdempotency.assemblyId, assemblyId),
					inArray(
						ballotIdempotency.key,
						keyed.map((b) => b.idempotencyKey!)
					)
				)
			);
		for (const r of rows)
			out.set(`${r.accountId}\n${r.key}`, {
				result: { ok: true, seq: r.seq, hash: r.hash, at: r.at.toISOString(), replayed: true },
				choices: canonicalJson((JSON.parse(r.body) as { choices: unknown }).choices)
			});
		return out;
	}

	/** Under revote "first" a second ballot is refused: the owners of this batch who already voted. */
	private async alreadyVoted(tx: Tx, assemblyId: string, batch: PendingBallot[]) {
		const rows = await tx
			.selectDistinct({ owner: ledgerEntry.owner })
			.from(ledgerEntry)
			.where(
				and(
					eq(ledgerEntry.assemblyId, assemblyId),
					inArray(ledgerEntry.owner, [...new Set(batch.map((b) => b.pseudonym))])
				)
			);
		return new Set(rows.map((r) => r.owner!));
	}
}
