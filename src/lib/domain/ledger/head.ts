import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Head, LedgerEntry } from '../record/types';
import { merkleRoot } from './merkle';

/** Leaves of the ledger tree: each entry hash as its 32 raw bytes, in seq order — spec: Result. */
export function ledgerLeaves(ledger: readonly Pick<LedgerEntry, 'hash'>[]): Uint8Array[] {
	return ledger.map((e) => hexToBytes(e.hash));
}

/** head = last entry's seq and hash, and the RFC 6962 root over all entry hashes — spec: Result. */
export function ledgerHead(ledger: readonly LedgerEntry[]): Head {
	const last = ledger[ledger.length - 1];
	const merkle = bytesToHex(merkleRoot(ledgerLeaves(ledger)));
	// An empty ledger is never a valid record; its head still has a well-defined root.
	return { seq: last ? last.seq : 0, hash: last ? last.hash : '0'.repeat(64), merkleRoot: merkle };
}
