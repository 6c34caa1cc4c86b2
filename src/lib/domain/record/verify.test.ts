import { describe, expect, it } from 'vitest';
import { hashEntry } from '../ledger/entries';
import { signHead } from '../signature';
import { sampleRecord } from './sample';
import type { AssemblyRecord, BallotEntry, LedgerEntry, ResolutionResult } from './types';
import { verifyRecord } from './verify';

const built = sampleRecord({ units: 40, ballots: 60, seed: 'tamper' });
if (!built.ok) throw new Error('sample record did not build');
const fresh = (): AssemblyRecord => structuredClone(built.record);
const codes = (r: unknown) => verifyRecord(r).errors.map((e) => [e.code, e.seq]);
const ballotAt = (r: AssemblyRecord, seq: number) => r.ledger[seq] as BallotEntry;
const flip = (c: unknown) => (c === 'for' ? 'against' : 'for');

// docs/record-format.md § The verifier.
describe('verifyRecord: recomputes the chain, the count and the signatures, names each error', () => {
	it('accepts the record the builder made, and its recount equals the stated result', () => {
		const report = verifyRecord(JSON.parse(JSON.stringify(built.record)));
		expect(report.errors).toEqual([]);
		expect(report.ok).toBe(true);
		expect(report.result).toEqual(built.record.result);
	});
	it("a changed choice breaks that entry's hash: chain.hash at its seq", () => {
		const r = fresh();
		ballotAt(r, 7).choices.r1 = flip(ballotAt(r, 7).choices.r1);
		expect(codes(r)[0]).toEqual(['chain.hash', 7]);
		expect(codes(r).filter(([c]) => String(c).startsWith('chain.'))).toHaveLength(1);
	});
	it('a dropped entry is chain.seq at the position it left', () => {
		const r = fresh();
		r.ledger.splice(12, 1);
		expect(codes(r)).toContainEqual(['chain.seq', 12]);
		expect(codes(r).filter(([c]) => String(c).startsWith('chain.'))).toHaveLength(1);
	});
	it('a re-hashed entry is chain.prev at the next entry', () => {
		const r = fresh();
		const e = ballotAt(r, 20);
		e.choices.r1 = flip(e.choices.r1);
		e.hash = hashEntry(e);
		expect(codes(r)).toContainEqual(['chain.prev', 21]);
	});
	it('a re-hashed tail chains again but moves the head: result.mismatch and signature.invalid', () => {
		const r = fresh();
		ballotAt(r, 30).choices.r1 = flip(ballotAt(r, 30).choices.r1);
		for (let i = 30; i < r.ledger.length; i++) {
			if (i > 30) r.ledger[i].prev = r.ledger[i - 1].hash;
			r.ledger[i].hash = hashEntry(r.ledger[i]);
		}
		const found = codes(r).map(([c]) => c);
		expect(found).toContain('result.mismatch');
		expect(found).toContain('signature.invalid');
		expect(found.some((c) => String(c).startsWith('chain.'))).toBe(false);
	});
	it('a roll changed after the open entry is roll.hash at seq 0', () => {
		const r = fresh();
		r.roll.units[3].area = '999.00';
		expect(codes(r)).toContainEqual(['roll.hash', 0]);
	});
	it('changed items or assembly are items.hash and assembly.hash at seq 0', () => {
		const r = fresh();
		r.items[0].title = '另一个议题';
		r.assembly.title = '另一次会议';
		expect(codes(r)).toEqual([
			['items.hash', 0],
			['assembly.hash', 0]
		]);
	});
	it('a claimed result that differs from the recount is result.mismatch', () => {
		const r = fresh();
		const r1 = r.result!.items.r1 as ResolutionResult;
		r1.outcome = r1.outcome === 'passed' ? 'failed' : 'passed';
		const report = verifyRecord(r);
		expect(report.errors).toMatchObject([{ code: 'result.mismatch' }]);
		expect(report.errors[0].message).toContain('items.r1');
		expect(report.result).toEqual(built.record.result);
	});
	it('a forged signature is signature.invalid', () => {
		const r = fresh();
		const sig = r.signatures![0];
		sig.signature = (sig.signature[0] === '0' ? '1' : '0') + sig.signature.slice(1);
		expect(codes(r)).toEqual([['signature.invalid', undefined]]);
	});
	it('a signature by another key over another head is signature.invalid', () => {
		const r = fresh();
		const head = { ...r.result!.head, seq: r.result!.head.seq - 1 };
		r.signatures!.push(signHead(new Uint8Array(32).fill(9), 'street', r.assembly.id, head));
		expect(codes(r)).toEqual([['signature.invalid', undefined]]);
	});
	it('a ballot by an owner not on the roll is ballot.owner', () => {
		const r = fresh();
		const e = ballotAt(r, 5);
		e.owner = 'stranger';
		rechain(r.ledger, 5);
		expect(codes(r)).toContainEqual(['ballot.owner', 5]);
	});
	it('a ballot naming more candidates than seats is ballot.choice', () => {
		const r = fresh();
		ballotAt(r, 9).choices.e1 = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
		rechain(r.ledger, 9);
		expect(codes(r)).toContainEqual(['ballot.choice', 9]);
	});
	it.each([
		['not an object', []],
		['another format', { ...built.record, format: 'gongyi-record/2' }],
		['no ledger', { ...built.record, ledger: undefined }]
	])('%s is a format error with no result', (_, input) => {
		const report = verifyRecord(input);
		expect(report).toMatchObject({ ok: false, result: null });
		expect(report.errors.map((e) => e.code)).toEqual(['format']);
	});
	it('an entry with an unknown key is a format error at its seq', () => {
		const r = fresh();
		(r.ledger[4] as unknown as Record<string, unknown>).note = 'x';
		rechain(r.ledger, 4);
		expect(codes(r)).toEqual([['format', 4]]);
	});
});

/** Recomputes hashes from `from` on, as a forger who controls the whole file would. */
function rechain(ledger: LedgerEntry[], from: number): void {
	for (let i = from; i < ledger.length; i++) {
		if (i > 0) ledger[i].prev = ledger[i - 1].hash;
		ledger[i].hash = hashEntry(ledger[i]);
	}
}
