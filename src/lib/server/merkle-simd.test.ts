import { createHash } from 'node:crypto';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { merkleRoot } from '../domain/ledger/merkle';
import { merkleRootOfPackedWords } from '../domain/ledger/merkle-words';
import { merkleRootOfPackedSimd } from './merkle-simd';
import { MERKLE_SIMD_WASM } from './merkle-simd-module';
import { merkleSimdModule } from '../../../scripts/merkle-wasm';

/** Deterministic leaves: SHA-256 of the index, as a ledger's entry hashes would be. */
function packedLeaves(n: number, salt = ''): Uint8Array {
	const packed = new Uint8Array(32 * n);
	for (let i = 0; i < n; i++)
		packed.set(createHash('sha256').update(`${salt}${i}`).digest(), 32 * i);
	return packed;
}
const leavesOf = (packed: Uint8Array, n: number) =>
	Array.from({ length: n }, (_, i) => packed.subarray(32 * i, 32 * i + 32));

describe('merkleRootOfPackedSimd — four SHA-256 lanes, the same roots as RFC 6962', () => {
	it('matches the byte-wise RFC 6962 tree for every size from 1 to 70', () => {
		for (let n = 1; n <= 70; n++) {
			const packed = packedLeaves(n);
			expect(bytesToHex(merkleRootOfPackedSimd(packed, n)), `n = ${n}`).toBe(
				bytesToHex(merkleRoot(leavesOf(packed, n)))
			);
		}
	});

	it('matches merkle-words.ts on sizes around powers of two, up to 65,537 leaves', () => {
		for (const n of [127, 128, 129, 255, 256, 257, 1023, 1025, 4097, 65_537]) {
			const packed = packedLeaves(n, 'w');
			expect(bytesToHex(merkleRootOfPackedSimd(packed, n)), `n = ${n}`).toBe(
				bytesToHex(merkleRootOfPackedWords(packed, n))
			);
		}
	});

	it('leaves its input alone, and a small tree after a large one is not disturbed by the rest', () => {
		const big = packedLeaves(5000, 'b');
		const copy = big.slice();
		merkleRootOfPackedSimd(big, 5000);
		expect(Buffer.compare(big, copy)).toBe(0);
		const small = packedLeaves(3, 's');
		expect(bytesToHex(merkleRootOfPackedSimd(small, 3))).toBe(
			bytesToHex(merkleRoot(leavesOf(small, 3)))
		);
	});

	it('hashes only the first n leaves of a longer buffer', () => {
		const packed = packedLeaves(10, 'p');
		expect(bytesToHex(merkleRootOfPackedSimd(packed, 7))).toBe(
			bytesToHex(merkleRoot(leavesOf(packed, 7)))
		);
	});

	it('is SHA-256 of nothing for the empty tree', () => {
		expect(bytesToHex(merkleRootOfPackedSimd(new Uint8Array(0), 0))).toBe(
			bytesToHex(merkleRoot([]))
		);
	});

	it('is the single leaf hash SHA-256(0x00 ‖ leaf) for one leaf', () => {
		const leaf = packedLeaves(1, 'one');
		const want = createHash('sha256')
			.update(Buffer.from([0]))
			.update(leaf)
			.digest('hex');
		expect(bytesToHex(merkleRootOfPackedSimd(leaf, 1))).toBe(want);
	});

	it('is the module that scripts/merkle-wasm.ts builds, byte for byte', async () => {
		const built = await merkleSimdModule();
		expect(Buffer.from(built).toString('base64')).toBe(MERKLE_SIMD_WASM);
	});
});
