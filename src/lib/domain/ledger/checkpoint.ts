import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { b64, openNote, signNote, splitNote, unb64, type NoteKey } from './note';

export type { NoteKey } from './note';
export { claimedSigners, noteKeyHash, splitNote, unb64 } from './note';

/** A checkpoint of a ledger's Merkle tree: C2SP tlog-checkpoint, signed as a C2SP signed note. */
export interface Checkpoint {
	origin: string;
	treeSize: number;
	/** Merkle root, lowercase hex. */
	root: string;
}

/** The note body: origin, tree size, base64 root, each on its own line — C2SP tlog-checkpoint. */
export function checkpointBody(c: Checkpoint): string {
	return `${c.origin}\n${c.treeSize}\n${b64(hexToBytes(c.root))}\n`;
}

/** Signs the checkpoint; the result is the whole note text — C2SP signed-note. */
export function signCheckpoint(c: Checkpoint, keyName: string, secretKey: Uint8Array): string {
	return signNote(checkpointBody(c), keyName, secretKey);
}

export type NoteCheck =
	| { ok: true; checkpoint: Checkpoint; key: NoteKey }
	| { ok: false; code: 'note.format' | 'note.signature' };

/** The body's checkpoint (origin, size, root), or null if it is not C2SP tlog-checkpoint. */
export function parseCheckpointBody(body: string): Checkpoint | null {
	const lines = body.split('\n');
	if (lines.length < 4 || !lines[0] || !/^(0|[1-9]\d*)$/.test(lines[1] ?? '')) return null;
	const treeSize = Number(lines[1]);
	if (!Number.isSafeInteger(treeSize)) return null;
	try {
		const raw = unb64(lines[2]);
		if (raw.length !== 32) return null;
		return { origin: lines[0], treeSize, root: bytesToHex(raw) };
	} catch {
		return null;
	}
}

/** Opens a checkpoint note (C2SP tlog-checkpoint) with any of the keys; see openNote. */
export function openCheckpointNote(note: string, keys: readonly NoteKey[]): NoteCheck {
	const parts = splitNote(note);
	const checkpoint = parts && parseCheckpointBody(parts.body);
	if (!checkpoint) return { ok: false, code: 'note.format' };
	const opened = openNote(note, keys);
	return opened.ok ? { ok: true, checkpoint, key: opened.key } : opened;
}

/** Parses a signed checkpoint note and verifies the signature line of `keyName` with `publicKey` (hex). */
export function verifyCheckpointNote(
	note: string,
	keyName: string,
	publicKeyHex: string
): NoteCheck {
	return openCheckpointNote(note, [{ name: keyName, publicKey: publicKeyHex }]);
}
