import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashEntryBytes } from '../domain/ledger/entries';
import { sampleRecord } from '../domain/record/sample';
import { nobleSha256 } from '../domain/record/sha256';
import type { AssemblyRecord, BallotEntry } from '../domain/record/types';
import { verifyRecord } from '../domain/record/verify';
import { nodeSha256 } from './sha256';

const built = sampleRecord({ units: 40, ballots: 60, seed: 'node-sha' });
if (!built.ok) throw new Error('sample record did not build');
const fresh = (): AssemblyRecord => structuredClone(built.record);

describe('nodeSha256 — the same bytes as @noble/hashes, faster', () => {
	it('hashes the FIPS 180-4 "abc" vector, the empty message and multi-block messages alike', () => {
		const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
		const abc = new TextEncoder().encode('abc');
		expect(hex(nodeSha256.digestInto(abc, new Uint8Array(32)))).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		for (const n of [0, 1, 55, 56, 63, 64, 65, 1000]) {
			const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
			const want = createHash('sha256').update(data).digest('hex');
			expect(hex(nodeSha256.digestInto(data, new Uint8Array(32)))).toBe(want);
			expect(hex(nobleSha256.digestInto(data, new Uint8Array(32)))).toBe(want);
		}
	});
	it('writes into a subarray of a larger buffer and returns it', () => {
		const big = new Uint8Array(64);
		const out = nodeSha256.digestInto(new Uint8Array(3), big.subarray(32));
		expect(out.byteOffset).toBe(32);
		expect(big.subarray(0, 32).every((b) => b === 0)).toBe(true);
		expect(Buffer.from(out).toString('hex')).toBe(
			createHash('sha256').update(new Uint8Array(3)).digest('hex')
		);
	});
	it('gives every entry hash the noble implementation gives', () => {
		for (const e of built.record.ledger)
			expect(hashEntryBytes(e, new Uint8Array(32), nodeSha256)).toEqual(
				hashEntryBytes(e, new Uint8Array(32), nobleSha256)
			);
	});
	it('leaves the verifier output byte-identical, on a sound record and on tampered ones', () => {
		const tampered: AssemblyRecord[] = [fresh(), fresh(), fresh(), fresh()];
		(tampered[1].ledger[7] as BallotEntry).choices.r1 = 'against';
		tampered[2].roll.units[3].area = '999.00';
		tampered[3].ledger.splice(12, 1);
		for (const r of tampered) {
			const json = JSON.stringify(r);
			const noble = JSON.stringify(verifyRecord(JSON.parse(json)));
			const node = JSON.stringify(verifyRecord(JSON.parse(json), { sha256: nodeSha256 }));
			expect(node).toBe(noble);
		}
		expect(verifyRecord(fresh(), { sha256: nodeSha256 }).ok).toBe(true);
	});
});
