import { hashChildren } from './merkle';

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
	return diff === 0;
}

const isHash = (h: Uint8Array) => h.length === 32;

/** Verifies an audit path for a leaf hash at `index` in a tree of `treeSize` — RFC 9162 §2.1.3.2. */
export function verifyInclusion(
	leafHash: Uint8Array,
	index: number,
	treeSize: number,
	proof: readonly Uint8Array[],
	root: Uint8Array
): boolean {
	if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize)) return false;
	if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root)) return false;
	if (!proof.every(isHash)) return false;
	// Sizes go up to 2^53, beyond 32-bit shifts, hence bigint.
	let fn = BigInt(index);
	let sn = BigInt(treeSize - 1);
	let r = leafHash;
	for (const p of proof) {
		if (sn === 0n) return false;
		if ((fn & 1n) === 1n || fn === sn) {
			r = hashChildren(p, r);
			while ((fn & 1n) === 0n && fn !== 0n) {
				fn >>= 1n;
				sn >>= 1n;
			}
		} else {
			r = hashChildren(r, p);
		}
		fn >>= 1n;
		sn >>= 1n;
	}
	return sn === 0n && equalBytes(r, root);
}

/** Verifies that the tree of `size1` leaves is a prefix of the tree of `size2` — RFC 9162 §2.1.4.2. */
export function verifyConsistency(
	size1: number,
	size2: number,
	proof: readonly Uint8Array[],
	root1: Uint8Array,
	root2: Uint8Array
): boolean {
	if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2)) return false;
	if (size1 < 0 || size2 < size1 || !isHash(root1) || !isHash(root2)) return false;
	if (!proof.every(isHash)) return false;
	if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
	if (size1 === 0) return proof.length === 0;
	if (proof.length === 0) return false;
	let fn = BigInt(size1 - 1);
	let sn = BigInt(size2 - 1);
	// A power-of-two first tree is itself a node of the second, so it starts the path.
	const path = (fn & BigInt(size1)) === 0n ? [root1, ...proof] : [...proof];
	while ((fn & 1n) === 1n) {
		fn >>= 1n;
		sn >>= 1n;
	}
	let fr = path[0];
	let sr = path[0];
	for (const c of path.slice(1)) {
		if (sn === 0n) return false;
		if ((fn & 1n) === 1n || fn === sn) {
			fr = hashChildren(c, fr);
			sr = hashChildren(c, sr);
			while ((fn & 1n) === 0n && fn !== 0n) {
				fn >>= 1n;
				sn >>= 1n;
			}
		} else {
			sr = hashChildren(sr, c);
		}
		fn >>= 1n;
		sn >>= 1n;
	}
	return sn === 0n && equalBytes(fr, root1) && equalBytes(sr, root2);
}
