import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../record/sample';
import { ledgerMerkleRoot } from './head';
import { makeReceipt, verifyReceipt } from './receipt';

const built = sampleRecord({ units: 20, ballots: 25, seed: 'receipt' });
if (!built.ok) throw new Error('sample record did not build');
const { ledger, result, assembly } = built.record;
const hashes = ledger.map((e) => e.hash);

// docs/record-format.md § Receipts; inclusion proofs as RFC 9162 §2.1.3.2.
describe('receipts: an entry and its inclusion proof check against the tree root', () => {
	it('every entry has a receipt that verifies against the final root', () => {
		for (const e of ledger) {
			const receipt = makeReceipt(assembly.id, hashes, e.seq);
			expect(verifyReceipt(receipt, e.hash, result!.head.merkleRoot, ledger.length)).toEqual({
				ok: true
			});
		}
	});
	it('a receipt given mid-assembly verifies against the root of the first treeSize entries', () => {
		const receipt = makeReceipt(assembly.id, hashes, 10, 11);
		const root = ledgerMerkleRoot(ledger.slice(0, 11));
		expect(verifyReceipt(receipt, hashes[10], root, 11)).toEqual({ ok: true });
		expect(verifyReceipt(receipt, hashes[10], result!.head.merkleRoot, 11)).toEqual({
			ok: false,
			code: 'receipt.path'
		});
	});
	it('a changed path, hash or tree size is rejected with its code', () => {
		const root = result!.head.merkleRoot;
		const receipt = makeReceipt(assembly.id, hashes, 5);
		const badPath = {
			...receipt,
			path: [bytesToHex(new Uint8Array(32)), ...receipt.path.slice(1)]
		};
		expect(verifyReceipt(badPath, hashes[5], root, ledger.length)).toMatchObject({
			code: 'receipt.path'
		});
		expect(verifyReceipt(receipt, hashes[6], root, ledger.length)).toMatchObject({
			code: 'receipt.hash'
		});
		expect(verifyReceipt(receipt, hashes[5], root, 3)).toMatchObject({ code: 'receipt.treeSize' });
		expect(verifyReceipt({ seq: 'x' }, hashes[5], root, 3)).toMatchObject({
			code: 'receipt.format'
		});
	});
});
