import { hexToBytes } from '@noble/hashes/utils.js';
import { openCheckpointNote, type NoteKey } from '$lib/domain/ledger/checkpoint';
import { verifyConsistency } from '$lib/domain/ledger/merkle-verify';
import { verifyCosignature } from '$lib/domain/ledger/cosignature';

export interface CheckpointView {
	treeSize: number;
	root: string;
	note: string;
	at: string;
	previous: { treeSize: number; root: string } | null;
	proof: string[];
	/** The published key the note names (verified here, not taken on trust). */
	signer: NoteKey | null;
	/** The note with the witnesses' cosignature lines. */
	cosigned: string;
}

export interface CheckpointCheck {
	/** The note's signature verifies and it states this tree size and root. */
	signature: boolean;
	/** The published key whose signature verified. */
	key: NoteKey | null;
	/** Witnesses whose cosignature/v1 line verified here. */
	cosigners: NoteKey[];
	/** This tree extends the previous checkpoint's (null for the first). */
	consistent: boolean | null;
}

/** Checks every checkpoint as the browser sees it: signature, then consistency with the one before. */
export function checkCheckpoints(
	checkpoints: CheckpointView[],
	keys: readonly NoteKey[],
	witnesses: readonly NoteKey[] = []
): CheckpointCheck[] {
	return checkpoints.map((c) => {
		const note = openCheckpointNote(c.note, keys);
		const signature =
			note.ok && note.checkpoint.treeSize === c.treeSize && note.checkpoint.root === c.root;
		const key = note.ok ? note.key : null;
		// A cosignature counts only on a note whose own signature holds, for the same body.
		const cosigners =
			signature && c.cosigned.startsWith(c.note)
				? witnesses.filter((w) => verifyCosignature(c.cosigned, w) !== null)
				: [];
		if (!c.previous) return { signature, key, cosigners, consistent: null };
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
		return { signature, key, cosigners, consistent };
	});
}
