import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { asc, desc, eq, max } from 'drizzle-orm';
import { signCheckpoint } from '../../domain/ledger/checkpoint';
import { consistencyProof, inclusionProof, merkleRoot } from '../../domain/ledger/merkle';
import type { Executor } from '../db/client';
import { checkpoint, ledgerEntry } from '../db/schema';
import { fixLedgerOrigin, platformKey } from './keys';
import { entryHashes } from './store';

export type CheckpointRow = typeof checkpoint.$inferSelect;

/** Signs the tree of all current entries unless the latest checkpoint already covers them. */
export async function makeCheckpoint(
	db: Executor,
	assemblyId: string,
	now = new Date()
): Promise<CheckpointRow | null> {
	// The timers ask for every open assembly every few minutes: a tree that has not grown is told
	// from the head seq alone, without reading every entry hash.
	const [[head], latest] = await Promise.all([
		db
			.select({ seq: max(ledgerEntry.seq) })
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, assemblyId)),
		latestCheckpoint(db, assemblyId)
	]);
	if (head?.seq == null || (latest && latest.treeSize > head.seq)) return null;
	const hashes = await entryHashes(db, assemblyId);
	if (!hashes.length || (latest && latest.treeSize >= hashes.length)) return null;
	const root = bytesToHex(merkleRoot(hashes.map((h) => hexToBytes(h))));
	const [{ secretKey, name }, origin] = await Promise.all([
		platformKey(db),
		fixLedgerOrigin(db, assemblyId)
	]);
	const note = signCheckpoint({ origin, treeSize: hashes.length, root }, name, secretKey);
	const row = { assemblyId, treeSize: hashes.length, root, note, at: now };
	await db.insert(checkpoint).values(row).onConflictDoNothing();
	return row;
}

export async function latestCheckpoint(
	db: Executor,
	assemblyId: string
): Promise<CheckpointRow | null> {
	const [row] = await db
		.select()
		.from(checkpoint)
		.where(eq(checkpoint.assemblyId, assemblyId))
		.orderBy(desc(checkpoint.treeSize))
		.limit(1);
	return row ?? null;
}

export function listCheckpoints(db: Executor, assemblyId: string): Promise<CheckpointRow[]> {
	return db
		.select()
		.from(checkpoint)
		.where(eq(checkpoint.assemblyId, assemblyId))
		.orderBy(asc(checkpoint.treeSize));
}

/** Consistency proofs between successive checkpoints: each tree extends the one before it (RFC 9162 §2.1.4). */
export async function checkpointChain(db: Executor, assemblyId: string) {
	const [cps, hashes] = await Promise.all([
		listCheckpoints(db, assemblyId),
		entryHashes(db, assemblyId)
	]);
	const leaves = hashes.map((h) => hexToBytes(h));
	return cps.map((cp, i) => {
		const prev = cps[i - 1];
		// A checkpoint beyond the stored entries (rows deleted) has no proof: its check fails.
		const proof =
			prev && cp.treeSize <= leaves.length
				? consistencyProof(leaves, prev.treeSize, cp.treeSize).map((p) => bytesToHex(p))
				: [];
		return { ...cp, previous: prev ? { treeSize: prev.treeSize, root: prev.root } : null, proof };
	});
}

/**
 * An owner's receipt with its inclusion proof in the latest signed checkpoint, once one covers the
 * entry (docs/record-format.md § Signatures); null before that.
 */
export async function receiptProof(db: Executor, assemblyId: string, seq: number) {
	const cp = await latestCheckpoint(db, assemblyId);
	if (!cp || cp.treeSize <= seq) return null;
	const hashes = await entryHashes(db, assemblyId);
	if (hashes.length < cp.treeSize) return null;
	const leaves = hashes.slice(0, cp.treeSize).map((h) => hexToBytes(h));
	const path = inclusionProof(leaves, seq, cp.treeSize).map((p) => bytesToHex(p));
	return {
		receipt: { assembly: assemblyId, seq, hash: hashes[seq], treeSize: cp.treeSize, path },
		checkpoint: cp
	};
}
