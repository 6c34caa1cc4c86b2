import { bytesToHex } from '@noble/hashes/utils.js';
import type { Head, LedgerEntry } from '../record/types';
import { merkleRootOfPacked } from './merkle';

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

/** Writes a 64-character lowercase hex hash as 32 bytes at `at`; false if it is not one. */
function packHash(hex: string, into: Uint8Array, at: number): boolean {
	if (typeof hex !== 'string' || hex.length !== 64) return false;
	for (let i = 0; i < 32; i++) {
		const hi = NIBBLE[hex.charCodeAt(2 * i)] ?? -1;
		const lo = NIBBLE[hex.charCodeAt(2 * i + 1)] ?? -1;
		if (hi < 0 || lo < 0) return false;
		into[at + i] = (hi << 4) | lo;
	}
	return true;
}

/** RFC 6962 root over the entry hashes, each as its 32 raw bytes, in seq order — docs/record-format.md § The Merkle root. */
export function ledgerMerkleRoot(ledger: readonly Pick<LedgerEntry, 'hash'>[]): string {
	const packed = new Uint8Array(32 * ledger.length);
	for (let i = 0; i < ledger.length; i++) {
		if (!packHash(ledger[i].hash, packed, 32 * i))
			throw new TypeError(`entry ${i}: hash is not hex`);
	}
	return bytesToHex(merkleRootOfPacked(packed, ledger.length));
}

/** head = last entry's seq and hash, and the RFC 6962 root over all entry hashes — docs/record-format.md § The result. */
export function ledgerHead(ledger: readonly LedgerEntry[]): Head {
	const last = ledger[ledger.length - 1];
	const merkleRoot = ledgerMerkleRoot(ledger);
	// An empty ledger is never a valid record; its head still has a well-defined root.
	return { seq: last ? last.seq : 0, hash: last ? last.hash : '0'.repeat(64), merkleRoot };
}
