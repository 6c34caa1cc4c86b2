import { hexToBytes } from '@noble/hashes/utils.js';
import { verifyCheckpointNote } from '$lib/domain/ledger/checkpoint';
import { verifyConsistency } from '$lib/domain/ledger/merkle-verify';

export interface CheckpointView {
	treeSize: number;
	root: string;
	note: string;
	at: string;
	previous: { treeSize: number; root: string } | null;
	proof: string[];
}

export interface CheckpointCheck {
	/** The note's signature verifies and it states this tree size and root. */
	signature: boolean;
	/** This tree extends the previous checkpoint's (null for the first). */
	consistent: boolean | null;
}

/** Checks every checkpoint as the browser sees it: signature, then consistency with the one before. */
export function checkCheckpoints(
	checkpoints: CheckpointView[],
	keyName: string,
	publicKey: string
): CheckpointCheck[] {
	return checkpoints.map((c) => {
		const note = verifyCheckpointNote(c.note, keyName, publicKey);
		const signature =
			note.ok && note.checkpoint.treeSize === c.treeSize && note.checkpoint.root === c.root;
		if (!c.previous) return { signature, consistent: null };
		let consistent = false;
		try {
			consistent = verifyConsistency(
				c.previous.treeSize,
				c.treeSize,
				c.proof.map((p) => hexToBytes(p)),
				hexToBytes(c.previous.root),
				hexToBytes(c.root)
			);
		} catch {
			consistent = false;
		}
		return { signature, consistent };
	});
}
