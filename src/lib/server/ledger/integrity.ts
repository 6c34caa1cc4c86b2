import { bytesToHex } from '@noble/hashes/utils.js';
import { asc, eq } from 'drizzle-orm';
import { verifyChain } from '../../domain/ledger/chain';
import type { Executor } from '../db/client';
import { ledgerEntry } from '../db/schema';
import { nodeSha256 } from '../sha256';
import { merkleRootOfPackedSimd } from '../merkle-simd';
import { listCheckpoints } from './checkpoints';

/** What the chain check found in the ledger as stored, named as the offline verifier names it. */
export interface ChainCheck {
	ok: boolean;
	entries: number;
	/**
	 * The first bad link: `chain.seq` (an entry missing or out of place), `chain.prev`, `chain.hash`
	 * (an entry changed) at `seq`; or `checkpoint.beyond` (a signed checkpoint covers entries no
	 * longer stored, `seq` the first missing one) or `checkpoint.root` (the stored entries under
	 * checkpoint `checkpoint` no longer hash to its signed root).
	 */
	error: { code: string; seq: number | null; checkpoint?: number; message: string } | null;
}

/**
 * Runs the verifier's chain check over the stored rows (seq, prev, hash of each entry's exact
 * bytes), then checks that every signed checkpoint's root is the root of the stored entries it
 * covers — so a changed ballot, a deleted row, a swap or a rewrite with fresh hashes is named.
 */
export async function checkStoredChain(db: Executor, assemblyId: string): Promise<ChainCheck> {
	const [rows, checkpoints] = await Promise.all([
		db
			.select({ body: ledgerEntry.body, hash: ledgerEntry.hash })
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, assemblyId))
			.orderBy(asc(ledgerEntry.seq)),
		listCheckpoints(db, assemblyId)
	]);
	const ledger: unknown[] = rows.map((r) => {
		try {
			return { ...JSON.parse(r.body), hash: r.hash };
		} catch {
			return null; // not JSON: the chain check names it at its position
		}
	});
	const digests = new Uint8Array(32 * ledger.length);
	const chain = verifyChain(ledger, digests, nodeSha256);
	const entries = ledger.length;
	if (chain) return { ok: false, entries, error: { ...chain, seq: chain.seq ?? null } };
	for (const [i, cp] of checkpoints.entries()) {
		if (cp.treeSize > entries)
			return {
				ok: false,
				entries,
				error: {
					code: 'checkpoint.beyond',
					seq: entries,
					checkpoint: i + 1,
					message: `checkpoint ${i + 1} covers ${cp.treeSize} entries, ${entries} are stored`
				}
			};
		if (bytesToHex(merkleRootOfPackedSimd(digests, cp.treeSize)) !== cp.root)
			return {
				ok: false,
				entries,
				error: {
					code: 'checkpoint.root',
					seq: null,
					checkpoint: i + 1,
					message: `the first ${cp.treeSize} stored entries do not hash to checkpoint ${i + 1}'s root`
				}
			};
	}
	return { ok: true, entries, error: null };
}
