import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { eq } from 'drizzle-orm';
import { inclusionProof } from '../../domain/ledger/merkle';
import type { CurrentUser } from '../auth/guard';
import { covers } from '../auth/guard';
import type { Executor } from '../db/client';
import { place } from '../db/schema';
import { listCheckpoints } from '../ledger/checkpoints';
import { cachedLedgerParts } from '../ledger/heavy';
import { claimedSigners } from '../../domain/ledger/checkpoint';
import { platformKey, publishedKeys } from '../ledger/keys';
import { cosignaturesOf, cosignedNote, witnessesOf } from '../ledger/witness';
import { getAssembly, type AssemblyRow } from '../ledger/parts';
import { entryHashes } from '../ledger/store';

/** States in which an assembly's ledger exists and is public (pseudonymous ids only). */
export const PUBLIC_STATES: readonly string[] = ['open', 'closed', 'counted', 'published'];

/** The assembly if its ledger is public, else null (a draft or an announced one has none). */
export async function publicAssembly(db: Executor, id: string): Promise<AssemblyRow | null> {
	const a = await getAssembly(db, id);
	return a && a.rollJson && PUBLIC_STATES.includes(a.state) ? a : null;
}

/** Staff and oversight of the estate (admins anywhere), past the second factor. */
export async function isEstateOfficial(
	db: Executor,
	user: CurrentUser | null,
	estateId: string
): Promise<boolean> {
	if (!user || user.needsSecondFactor) return false;
	const [estate] = await db.select({ path: place.path }).from(place).where(eq(place.id, estateId));
	return (
		!!estate &&
		user.grants.some((g) => ['admin', 'staff', 'oversight'].includes(g.role) && covers(g, estate))
	);
}

/**
 * The record may be downloaded by everyone once published; by the estate's staff and oversight
 * from closing on (to check it before publishing).
 */
export function recordAvailable(a: AssemblyRow, official: boolean): boolean {
	return a.state === 'published' || (official && ['closed', 'counted'].includes(a.state));
}

/**
 * A signed checkpoint for the verify page: the one of `treeSize` (a receipt's), else the latest;
 * with `seq`, the inclusion path of that entry in its tree, so a receipt without one can be checked.
 */
export async function checkpointForVerify(
	db: Executor,
	assemblyId: string,
	opts: { treeSize?: number; seq?: number } = {}
) {
	const cps = await listCheckpoints(db, assemblyId);
	const index =
		opts.treeSize === undefined
			? cps.length - 1
			: cps.findIndex((c) => c.treeSize === opts.treeSize);
	const cp = cps[index];
	if (!cp) return null;
	const [keys, witnesses, cosigs] = await Promise.all([
		publishedKeys(db),
		witnessesOf(db, (await getAssembly(db, assemblyId))!.estateId),
		cosignaturesOf(db, assemblyId)
	]);
	const lines = cosigs.filter((c) => c.treeSize === cp.treeSize).map((c) => c.line);
	// The key that signed this checkpoint (the browser verifies it); old keys stay valid after rotation.
	const signer = claimedSigners(cp.note, keys)[0] ?? keys[keys.length - 1];
	let proof: { seq: number; hash: string; path: string[] } | null = null;
	const stored = opts.seq !== undefined ? await entryHashes(db, assemblyId) : [];
	if (
		opts.seq !== undefined &&
		opts.seq >= 0 &&
		opts.seq < cp.treeSize &&
		stored.length >= cp.treeSize
	) {
		const leaves = stored.slice(0, cp.treeSize);
		const path = inclusionProof(
			leaves.map((h) => hexToBytes(h)),
			opts.seq,
			cp.treeSize
		);
		proof = { seq: opts.seq, hash: leaves[opts.seq], path: path.map((p) => bytesToHex(p)) };
	}
	return {
		note: cp.note,
		treeSize: cp.treeSize,
		root: cp.root,
		at: cp.at.toISOString(),
		publicKey: signer.publicKey,
		keyName: signer.name,
		keys,
		/** The note with the witnesses' cosignature lines, and who may have made them. */
		cosigned: cosignedNote(cp.note, lines),
		witnesses,
		/** 1-based position among the assembly's checkpoints ("第 N 份检查点"). */
		number: index + 1,
		count: cps.length,
		proof
	};
}

/** Everything the public ledger page shows: head, key, checkpoints with consistency proofs. */
export async function ledgerView(db: Executor, a: AssemblyRow) {
	// The Merkle root and consistency proofs are built once per head (anonymous visitors of a
	// closed assembly's page no longer rebuild them).
	const [{ head, chain, integrity }, current, keys, witnesses, cosigs] = await Promise.all([
		cachedLedgerParts(db, a.id),
		platformKey(db),
		publishedKeys(db),
		witnessesOf(db, a.estateId),
		cosignaturesOf(db, a.id)
	]);
	return {
		head,
		publicKey: current.publicKey,
		keyName: current.name,
		keys,
		witnesses,
		/** The chain check over the stored rows (the first bad seq and its code, as the verifier names it). */
		chain: integrity,
		checkpoints: chain.map((c) => ({
			treeSize: c.treeSize,
			root: c.root,
			note: c.note,
			at: c.at.toISOString(),
			previous: c.previous,
			proof: c.proof,
			signer: claimedSigners(c.note, keys)[0] ?? null,
			cosigned: cosignedNote(
				c.note,
				cosigs.filter((x) => x.treeSize === c.treeSize).map((x) => x.line)
			)
		}))
	};
}
