import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Receipt } from '../record/types';
import { hashLeaf, inclusionProof } from './merkle';
import { verifyInclusion } from './merkle-verify';

const HASH = /^[0-9a-f]{64}$/;

/** An owner's receipt: the inclusion proof of entry `seq` in the tree of the first `treeSize` entries — docs/record-format.md § Receipts. */
export function makeReceipt(
	assembly: string,
	entryHashes: readonly string[],
	seq: number,
	treeSize: number = entryHashes.length
): Receipt {
	const leaves = entryHashes.slice(0, treeSize).map((h) => hexToBytes(h));
	const path = inclusionProof(leaves, seq, treeSize).map((p) => bytesToHex(p));
	return { assembly, seq, hash: entryHashes[seq], treeSize, path };
}

export type ReceiptCheck =
	| { ok: true }
	| { ok: false; code: 'receipt.format' | 'receipt.hash' | 'receipt.treeSize' | 'receipt.path' };

function isReceipt(r: unknown): r is Receipt {
	const o = r as Receipt;
	return (
		typeof o === 'object' &&
		o !== null &&
		typeof o.assembly === 'string' &&
		Number.isSafeInteger(o.seq) &&
		typeof o.hash === 'string' &&
		HASH.test(o.hash) &&
		Number.isSafeInteger(o.treeSize) &&
		Array.isArray(o.path) &&
		o.path.every((p) => typeof p === 'string' && HASH.test(p))
	);
}

/**
 * Checks that the receipt names `entryHash` (the hash of the owner's own ballot entry) and proves it
 * is in the tree of `treeSize` entries with root `root` — RFC 9162 §2.1.3.2,
 * docs/record-format.md § Receipts.
 */
export function verifyReceipt(
	receipt: unknown,
	entryHash: string,
	root: string,
	treeSize: number
): ReceiptCheck {
	if (!isReceipt(receipt) || !HASH.test(root)) return { ok: false, code: 'receipt.format' };
	if (receipt.hash !== entryHash) return { ok: false, code: 'receipt.hash' };
	if (receipt.treeSize !== treeSize) return { ok: false, code: 'receipt.treeSize' };
	const proof = receipt.path.map((p) => hexToBytes(p));
	const leaf = hashLeaf(hexToBytes(entryHash));
	const ok = verifyInclusion(leaf, receipt.seq, treeSize, proof, hexToBytes(root));
	return ok ? { ok: true } : { ok: false, code: 'receipt.path' };
}
