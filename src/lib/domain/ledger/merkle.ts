import { sha256Into } from '../record/sha256';
import { merkleRootOfPackedWords } from './merkle-words';

const node = new Uint8Array(65);
node[0] = 1;

/** Leaf hash = SHA-256(0x00 ‖ data) — RFC 6962 §2.1. */
export function hashLeaf(data: Uint8Array): Uint8Array {
	const msg = new Uint8Array(data.length + 1);
	msg.set(data, 1);
	return sha256Into(msg);
}

/** Interior node hash = SHA-256(0x01 ‖ left ‖ right) — RFC 6962 §2.1. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
	node.set(left, 1);
	node.set(right, 33);
	return sha256Into(node);
}

/** Largest power of two strictly below n (n ≥ 2) — the split point k of RFC 6962 §2.1. */
function split(n: number): number {
	let k = 1;
	while (k * 2 < n) k *= 2;
	return k;
}

/**
 * MTH over leaf hashes: hashing level by level and carrying an odd last node up unchanged gives
 * the same tree as RFC 6962's split at the largest power of two, without recursion.
 */
function rootOfLeafHashes(hashes: Uint8Array, n: number): Uint8Array {
	const out = new Uint8Array(32);
	while (n > 1) {
		const half = n >> 1;
		for (let j = 0; j < half; j++) {
			for (let b = 0; b < 64; b++) node[1 + b] = hashes[64 * j + b];
			hashes.set(sha256Into(node, out), 32 * j);
		}
		if (n & 1) hashes.copyWithin(32 * half, 32 * (n - 1), 32 * n);
		n = half + (n & 1);
	}
	return hashes.slice(0, 32);
}

/** Merkle Tree Hash of the leaves; empty tree = SHA-256 of nothing — RFC 6962 §2.1. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
	const n = leaves.length;
	if (n === 0) return sha256Into(new Uint8Array(0));
	const hashes = new Uint8Array(32 * n);
	for (let i = 0; i < n; i++) hashes.set(hashLeaf(leaves[i]), 32 * i);
	return rootOfLeafHashes(hashes, n);
}

/**
 * MTH over `n` leaves of 32 bytes each, packed in one buffer: a million ledger leaves as one
 * buffer instead of a million small arrays, hashed on words (merkle-words.ts) — RFC 6962 §2.1.
 */
export function merkleRootOfPacked(packed: Uint8Array, n: number): Uint8Array {
	if (n === 0) return sha256Into(new Uint8Array(0));
	return merkleRootOfPackedWords(packed, n);
}

/** MTH of leaves [lo, hi) — RFC 6962 §2.1. */
function subtreeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
	return merkleRoot(leaves.slice(lo, hi));
}

/** Audit path PATH(m, D[n]) for leaf `index` in the tree of the first `treeSize` leaves — RFC 6962 §2.1.1. */
export function inclusionProof(
	leaves: readonly Uint8Array[],
	index: number,
	treeSize: number = leaves.length
): Uint8Array[] {
	if (!(treeSize <= leaves.length && index >= 0 && index < treeSize)) {
		throw new RangeError('inclusionProof: index outside the tree');
	}
	const path: Uint8Array[] = [];
	let [lo, hi, m] = [0, treeSize, index];
	while (hi - lo > 1) {
		const k = split(hi - lo);
		if (m < k) {
			path.push(subtreeRoot(leaves, lo + k, hi));
			hi = lo + k;
		} else {
			path.push(subtreeRoot(leaves, lo, lo + k));
			lo += k;
			m -= k;
		}
	}
	return path.reverse();
}

/** Consistency proof PROOF(m, D[n]) between the first `size1` and `size2` leaves — RFC 6962 §2.1.2. */
export function consistencyProof(
	leaves: readonly Uint8Array[],
	size1: number,
	size2: number = leaves.length
): Uint8Array[] {
	if (!(size2 <= leaves.length && size1 >= 0 && size1 <= size2)) {
		throw new RangeError('consistencyProof: sizes outside the tree');
	}
	if (size1 === 0 || size1 === size2) return [];
	const proof: Uint8Array[] = [];
	let [lo, hi, m, whole] = [0, size2, size1, true];
	while (m !== hi - lo) {
		const k = split(hi - lo);
		if (m <= k) {
			proof.push(subtreeRoot(leaves, lo + k, hi));
			hi = lo + k;
		} else {
			proof.push(subtreeRoot(leaves, lo, lo + k));
			lo += k;
			m -= k;
			whole = false;
		}
	}
	if (!whole) proof.push(subtreeRoot(leaves, lo, hi));
	return proof.reverse();
}

/**
 * The RFC 6962 root of leaves that arrive one at a time, hashed a chunk at a time as they come:
 * `chunk` (a power of two) leaves make a perfect subtree whose root is kept and whose leaves are
 * let go. The full tree's nodes above the chunks are those of the same level-by-level reduction
 * over the chunk roots and the last, partial chunk's root — the tree of §2.1, whose left subtrees
 * are perfect and at least a chunk wide.
 */
export class ChunkedMerkleRoot {
	private readonly pending: Uint8Array;
	private count = 0;
	private readonly roots: Uint8Array[] = [];

	constructor(
		private readonly chunk: number,
		private readonly rootOfPacked: (
			packed: Uint8Array,
			n: number
		) => Uint8Array = merkleRootOfPacked
	) {
		if (!(chunk >= 1 && (chunk & (chunk - 1)) === 0)) throw new RangeError('chunk: a power of two');
		this.pending = new Uint8Array(32 * chunk);
	}

	/** Adds the next 32-byte leaf (an entry's hash, before the §2.1 leaf prefix). */
	add(leaf: Uint8Array): void {
		this.pending.set(leaf, 32 * this.count);
		if (++this.count === this.chunk) {
			this.roots.push(this.rootOfPacked(this.pending, this.chunk));
			this.count = 0;
		}
	}

	/** MTH of every leaf added so far; the empty tree is SHA-256 of nothing. */
	root(): Uint8Array {
		const level = [...this.roots];
		if (this.count || !level.length) level.push(this.rootOfPacked(this.pending, this.count));
		for (let n = level.length; n > 1; n = level.length) {
			for (let j = 0; j < n >> 1; j++) level[j] = hashChildren(level[2 * j], level[2 * j + 1]);
			if (n & 1) level[n >> 1] = level[n - 1];
			level.length = (n >> 1) + (n & 1);
		}
		return level[0];
	}
}
