import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { hashEntry } from '../domain/ledger/entries';
import { sampleRecord } from '../domain/record/sample';
import type { LedgerQueue, Sha256 } from '../domain/record/sha256';
import type { AssemblyRecord, BallotEntry } from '../domain/record/types';
import { verifyRecord } from '../domain/record/verify';
import {
	ledgerQueuePrepared,
	prepareLedgerQueue,
	WorkerLedgerQueue,
	workerLedgerQueue
} from './ledger-queue';
import { RING, SLOT_ENTRIES } from './ledger-queue-layout';
import { nodeSha256 } from './sha256';

function sample(ballots: number): AssemblyRecord {
	const built = sampleRecord({ units: 300, ballots, seed: 'queue' });
	if (!built.ok) throw new Error('sample record did not build');
	return built.record;
}
const small = sample(3_000);
const fresh = (): AssemblyRecord => structuredClone(small);
// More ballots than the ring holds, so slots are reused while the verifier waits for room.
const large = sample(RING * SLOT_ENTRIES + 5_000);

/** nodeSha256 with a queue for every ledger, recording what each queue answered. */
function queued(make: () => LedgerQueue | null = () => workerLedgerQueue(0, { minEntries: 0 })) {
	const answers: ('root' | 'null' | 'refused' | 'cancelled')[] = [];
	const sha: Sha256 = {
		...nodeSha256,
		queueLedger() {
			const q = make();
			if (!q) return null;
			let refused = false;
			return {
				push: (bytes, stated) => q.push(bytes, stated) || ((refused = true), false),
				finish: () => {
					const root = q.finish();
					answers.push(root ? 'root' : 'null');
					return root;
				},
				cancel: () => {
					answers.push(refused ? 'refused' : 'cancelled');
					q.cancel();
				}
			};
		}
	};
	return { sha, answers };
}

/** The report of the verifier hashing in place, and of the one hashing through a queue. */
function bothWays(record: AssemblyRecord, make?: () => LedgerQueue | null) {
	const { sha, answers } = queued(make);
	const inPlace = verifyRecord(structuredClone(record), { sha256: nodeSha256 });
	const offThread = verifyRecord(record, { sha256: sha });
	return { inPlace, offThread, answers };
}

const ballot = (r: AssemblyRecord, seq: number) => r.ledger[seq] as BallotEntry;

describe('the verifier hashing its ledger in a worker thread', () => {
	it('accepts an intact record with the worker’s Merkle root, the same report as in place', () => {
		const { inPlace, offThread, answers } = bothWays(structuredClone(large));
		expect(answers).toEqual(['root']);
		expect(offThread.ok).toBe(true);
		expect(offThread.result).toEqual(large.result);
		expect(offThread).toEqual(inPlace);
	});
	it('a changed choice: the worker finds the hash wrong and the report is chain.hash, as in place', () => {
		const r = fresh();
		const e = ballot(r, 2_000);
		e.choices.r1 = e.choices.r1 === 'for' ? 'against' : 'for';
		const { inPlace, offThread, answers } = bothWays(r);
		// One slot: the worker tells at the end.
		expect(answers).toEqual(['null']);
		expect(offThread.errors[0]).toMatchObject({ code: 'chain.hash', seq: 2_000 });
		expect(offThread).toEqual(inPlace);
	});
	it('a wrong hash early in a long ledger stops the queued pass once the ring wraps', () => {
		const r = structuredClone(large);
		const e = ballot(r, 100);
		e.choices.r1 = e.choices.r1 === 'for' ? 'against' : 'for';
		const { inPlace, offThread, answers } = bothWays(r);
		// Reusing the first slot waits for the worker to finish it, and it found entry 100.
		expect(answers).toEqual(['refused']);
		expect(offThread.errors[0]).toMatchObject({ code: 'chain.hash', seq: 100 });
		expect(offThread).toEqual(inPlace);
	});
	it('a re-hashed entry: chain.prev at the next one, found before any hashing is waited for', () => {
		const r = fresh();
		const e = ballot(r, 123);
		e.nonce = '0'.repeat(32);
		e.hash = hashEntry(e);
		const { inPlace, offThread, answers } = bothWays(r);
		expect(answers).toEqual(['cancelled']);
		expect(offThread.errors[0]).toMatchObject({ code: 'chain.prev', seq: 124 });
		expect(offThread).toEqual(inPlace);
	});
	it('stated hashes in capitals, of other characters or not strings are refused, as in place', () => {
		const capitals = fresh();
		const last = capitals.ledger.length - 1;
		capitals.ledger[last].hash = capitals.ledger[last].hash.toUpperCase();
		const accented = fresh();
		// 64 characters whose UTF-8 is longer than 64 bytes.
		accented.ledger[9].hash = 'é' + accented.ledger[9].hash.slice(1);
		accented.ledger[10].prev = accented.ledger[9].hash;
		const numeric = fresh();
		(numeric.ledger[5] as { hash: unknown }).hash = 5;
		for (const r of [capitals, accented, numeric]) {
			const { inPlace, offThread } = bothWays(r);
			expect(offThread.ok).toBe(false);
			expect(offThread.errors[0].code).toBe('chain.hash');
			expect(offThread).toEqual(inPlace);
		}
	});
	it('an entry error with the chain intact is reported once the hashes are confirmed', () => {
		const r = fresh();
		const e = ballot(r, 77);
		(e as { channel: string }).channel = 'fax';
		e.hash = hashEntry(e);
		r.ledger[78].prev = e.hash;
		for (let i = 78; i < r.ledger.length; i++) {
			if (i > 78) r.ledger[i].prev = r.ledger[i - 1].hash;
			r.ledger[i].hash = hashEntry(r.ledger[i]);
		}
		const { inPlace, offThread, answers } = bothWays(r);
		expect(answers).toEqual(['root']);
		expect(offThread.errors).toEqual([expect.objectContaining({ code: 'format', seq: 77 })]);
		expect(offThread).toEqual(inPlace);
	});
	it('a value JSON cannot hold throws as in place, and stops the worker', () => {
		const r = fresh();
		(ballot(r, 8).choices as Record<string, unknown>).r1 = Number.NaN;
		const { sha, answers } = queued();
		expect(() => verifyRecord(structuredClone(r), { sha256: nodeSha256 })).toThrow(TypeError);
		expect(() => verifyRecord(r, { sha256: sha })).toThrow(TypeError);
		expect(answers).toEqual(['cancelled']);
	});
	it('an entry larger than a slot is hashed in place instead', () => {
		const r = fresh();
		const e = ballot(r, 3);
		(e.choices as Record<string, unknown>).r1 = 'x'.repeat(5 << 20);
		e.hash = hashEntry(e);
		r.ledger[4].prev = e.hash;
		const { inPlace, offThread, answers } = bothWays(r);
		expect(answers).toEqual(['refused']);
		expect(offThread.errors.map((x) => x.code)).toContain('chain.hash');
		expect(offThread).toEqual(inPlace);
	});
	it('a worker that never hashes: the verifier stops waiting and hashes in place', () => {
		const idle = () =>
			new WorkerLedgerQueue(() => new Worker('setInterval(() => {}, 1000)', { eval: true }), {
				stallMs: 300
			});
		const started = Date.now();
		const { inPlace, offThread, answers } = bothWays(fresh(), idle);
		expect(answers).toEqual(['null']);
		expect(offThread.ok).toBe(true);
		expect(offThread).toEqual(inPlace);
		expect(Date.now() - started).toBeLessThan(20_000);
	});
	it('a thread started ahead of the record (as the CLI does) hashes the next long ledger', () => {
		prepareLedgerQueue();
		expect(ledgerQueuePrepared()).toBe(true);
		// A short ledger leaves it waiting; the long one takes it.
		expect(workerLedgerQueue(10)).toBeNull();
		expect(ledgerQueuePrepared()).toBe(true);
		const { inPlace, offThread, answers } = bothWays(fresh());
		expect(ledgerQueuePrepared()).toBe(false);
		expect(answers).toEqual(['root']);
		expect(offThread.ok).toBe(true);
		expect(offThread).toEqual(inPlace);
	});
	it('short ledgers are hashed in place: a thread costs more than it saves', () => {
		expect(workerLedgerQueue(49_999)).toBeNull();
		const q = workerLedgerQueue(50_000);
		expect(q).not.toBeNull();
		q?.cancel();
	});
});
