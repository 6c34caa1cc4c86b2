import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ChunkedMerkleRoot,
	consistencyProof,
	hashLeaf,
	inclusionProof,
	merkleRoot,
	merkleRootOfPacked
} from './merkle';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { sha256Into } from '../record/sha256';

// Test vectors from transparency-dev/merkle proof/verify_test.go (RFC 6962 / Certificate Transparency).
const leaves = [
	'',
	'00',
	'10',
	'2021',
	'3031',
	'40414243',
	'5051525354555657',
	'606162636465666768696a6b6c6d6e6f'
].map((h) => hexToBytes(h));
const roots = [
	'6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
	'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
	'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
	'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
	'4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
	'76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
	'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
	'5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'
];
// [leaf index (0-based), tree size, audit path]
const inclusionVectors: [number, number, string[]][] = [
	[0, 1, []],
	[
		0,
		8,
		[
			'96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
			'5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
			'6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'
		]
	],
	[
		5,
		8,
		[
			'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
			'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
			'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'
		]
	],
	[2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
	[
		1,
		5,
		[
			'6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
			'5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
			'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'
		]
	]
];
// [size1, size2, proof]
const consistencyVectors: [number, number, string[]][] = [
	[1, 1, []],
	[
		1,
		8,
		[
			'96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
			'5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
			'6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'
		]
	],
	[
		6,
		8,
		[
			'0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
			'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
			'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'
		]
	],
	[
		2,
		5,
		[
			'5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
			'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'
		]
	],
	[
		6,
		7,
		[
			'0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
			'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
			'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'
		]
	]
];

const hex = (xs: Uint8Array[]) => xs.map((x) => bytesToHex(x));
const bytes = (xs: string[]) => xs.map((x) => hexToBytes(x));
const root = (n: number) => merkleRoot(leaves.slice(0, n));

describe('RFC 6962 Merkle Tree Hash (transparency-dev/merkle vectors)', () => {
	it('empty tree is SHA-256 of nothing — RFC 6962 §2.1', () => {
		expect(bytesToHex(merkleRoot([]))).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
	});
	it.each(roots.map((r, i) => [i + 1, r]))('root of the first %i leaves', (n, r) => {
		expect(bytesToHex(root(n as number))).toBe(r);
	});
});

describe('packed 32-byte leaves, hashed on words (ledger roots)', () => {
	const pack = (ls: Uint8Array[]) => {
		const p = new Uint8Array(32 * ls.length);
		ls.forEach((l, i) => p.set(l, 32 * i));
		return p;
	};
	it('equals the byte-wise root for every tree size and leaf content (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 70 }),
				(ls) => {
					const packed = pack(ls);
					expect(bytesToHex(merkleRootOfPacked(packed, ls.length))).toBe(
						bytesToHex(merkleRoot(ls))
					);
					// the leaves are read, not overwritten
					expect(packed).toEqual(pack(ls));
				}
			)
		);
	});
	it('equals the byte-wise root on a larger odd-sized tree with high bytes everywhere', () => {
		const ls = Array.from({ length: 1031 }, (_, i) =>
			Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j * 97 + 0x80) & 0xff)
		);
		expect(bytesToHex(merkleRootOfPacked(pack(ls), ls.length))).toBe(bytesToHex(merkleRoot(ls)));
	});
	it("equals the byte-wise root for every value of an interior node's last message byte", () => {
		// An interior node's second block holds the last byte of its right child's hash, and the
		// word-based tree takes that block's schedule from a table of all 256 values.
		const seen = new Set<number>();
		for (let i = 0; i < 4096; i++) {
			const ls = [sha256Into(Uint8Array.of(i >> 8, i, 0)), sha256Into(Uint8Array.of(i >> 8, i, 1))];
			seen.add(hashLeaf(ls[1])[31]);
			expect(bytesToHex(merkleRootOfPacked(pack(ls), 2))).toBe(bytesToHex(merkleRoot(ls)));
		}
		expect(seen.size).toBe(256);
	});
	it('has the empty tree root for no leaves', () => {
		expect(bytesToHex(merkleRootOfPacked(new Uint8Array(0), 0))).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
	});
});

describe('RFC 6962 inclusion proofs — §2.1.1 / RFC 9162 §2.1.3.2', () => {
	it.each(inclusionVectors)('leaf %i in tree of %i', (index, size, path) => {
		expect(hex(inclusionProof(leaves, index, size))).toEqual(path);
		const leaf = hashLeaf(leaves[index]);
		expect(verifyInclusion(leaf, index, size, bytes(path), root(size))).toBe(true);
		expect(verifyInclusion(leaf, index + 1, size, bytes(path), root(size))).toBe(false);
		expect(verifyInclusion(leaf, index, size * 2, bytes(path), root(size))).toBe(false);
		expect(verifyInclusion(leaf, index, size, [...bytes(path), root(size)], root(size))).toBe(
			false
		);
		expect(verifyInclusion(hashLeaf(hexToBytes('ff')), index, size, bytes(path), root(size))).toBe(
			false
		);
		for (let i = 0; i < path.length; i++) {
			const bad = bytes(path);
			bad[i][0] ^= 8;
			expect(verifyInclusion(leaf, index, size, bad, root(size))).toBe(false);
		}
	});
	it('every inclusion proof verifies and a changed leaf fails (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }),
				fc.nat(),
				(data, pick) => {
					const index = pick % data.length;
					const r = merkleRoot(data);
					const proof = inclusionProof(data, index);
					expect(verifyInclusion(hashLeaf(data[index]), index, data.length, proof, r)).toBe(true);
					const changed = Uint8Array.of(...data[index], 1);
					expect(verifyInclusion(hashLeaf(changed), index, data.length, proof, r)).toBe(false);
				}
			)
		);
	});
});

describe('RFC 6962 consistency proofs — §2.1.2 / RFC 9162 §2.1.4.2', () => {
	it.each(consistencyVectors)('tree of %i is a prefix of tree of %i', (size1, size2, proof) => {
		expect(hex(consistencyProof(leaves, size1, size2))).toEqual(proof);
		const [r1, r2] = [root(size1), root(size2)];
		expect(verifyConsistency(size1, size2, bytes(proof), r1, r2)).toBe(true);
		if (proof.length === 0) {
			// Only equal sizes need no proof; then the roots must be equal.
			expect(size2).toBe(size1);
			expect(verifyConsistency(size1, size2, [], r1, root(size1 === 1 ? 2 : 1))).toBe(false);
			return;
		}
		expect(verifyConsistency(size1, size2, bytes(proof), r2, r1)).toBe(false);
		expect(verifyConsistency(size1 + 1, size2, bytes(proof), r1, r2)).toBe(false);
		expect(verifyConsistency(size1, size2, [], r1, r2)).toBe(false);
		expect(verifyConsistency(size1, size2, bytes(proof).slice(0, -1), r1, r2)).toBe(false);
		for (let i = 0; i < proof.length; i++) {
			const bad = bytes(proof);
			bad[i][0] ^= 16;
			expect(verifyConsistency(size1, size2, bad, r1, r2)).toBe(false);
		}
	});
	it('trivial sizes: 0 → n needs no proof, equal sizes need equal roots', () => {
		const [r1, r2] = [root(1), root(2)];
		expect(verifyConsistency(0, 2, [], r1, r2)).toBe(true);
		expect(verifyConsistency(2, 2, [], r2, r2)).toBe(true);
		expect(verifyConsistency(2, 2, [], r1, r2)).toBe(false);
		expect(verifyConsistency(2, 1, [], r2, r1)).toBe(false);
	});
	it('consistency proofs verify for every pair of sizes (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.uint8Array({ maxLength: 4 }), { minLength: 1, maxLength: 40 }),
				fc.nat(),
				fc.nat(),
				(data, a, b) => {
					const size2 = 1 + (b % data.length);
					const size1 = 1 + (a % size2);
					const proof = consistencyProof(data, size1, size2);
					const [r1, r2] = [merkleRoot(data.slice(0, size1)), merkleRoot(data.slice(0, size2))];
					expect(verifyConsistency(size1, size2, proof, r1, r2)).toBe(true);
				}
			)
		);
	});
});

describe('ChunkedMerkleRoot: the RFC 6962 root a chunk at a time', () => {
	const leaf = (i: number) => sha256Into(new Uint8Array([i & 0xff, i >> 8]));
	it('equals merkleRootOfPacked for every size up to 70, with chunks of 1, 2, 4, 8 and 16', () => {
		for (const chunk of [1, 2, 4, 8, 16]) {
			const tree = new ChunkedMerkleRoot(chunk);
			const packed = new Uint8Array(32 * 70);
			expect(tree.root()).toEqual(merkleRootOfPacked(packed, 0));
			for (let n = 1; n <= 70; n++) {
				const l = leaf(n);
				packed.set(l, 32 * (n - 1));
				tree.add(l);
				expect(tree.root(), `chunk ${chunk}, ${n} leaves`).toEqual(merkleRootOfPacked(packed, n));
			}
		}
	});
	it('refuses a chunk that is not a power of two', () => {
		expect(() => new ChunkedMerkleRoot(12)).toThrow(RangeError);
		expect(() => new ChunkedMerkleRoot(0)).toThrow(RangeError);
	});
});
