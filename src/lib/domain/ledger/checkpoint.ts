import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** A checkpoint of a ledger's Merkle tree: C2SP tlog-checkpoint, signed as a C2SP signed note. */
export interface Checkpoint {
	origin: string;
	treeSize: number;
	/** Merkle root, lowercase hex. */
	root: string;
}

export const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
export const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The note body: origin, tree size, base64 root, each on its own line — C2SP tlog-checkpoint. */
export function checkpointBody(c: Checkpoint): string {
	return `${c.origin}\n${c.treeSize}\n${b64(hexToBytes(c.root))}\n`;
}

/** Key hash of an Ed25519 note key: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[:4] — C2SP signed-note. */
export function noteKeyHash(name: string, publicKey: Uint8Array): Uint8Array {
	return sha256(concatBytes(utf8ToBytes(`${name}\n`), Uint8Array.of(1), publicKey)).slice(0, 4);
}

/** Signs the checkpoint; the result is the whole note text — C2SP signed-note. */
export function signCheckpoint(c: Checkpoint, keyName: string, secretKey: Uint8Array): string {
	const body = checkpointBody(c);
	const sig = ed25519.sign(utf8ToBytes(body), secretKey);
	const keyHash = noteKeyHash(keyName, ed25519.getPublicKey(secretKey));
	return `${body}\n\u2014 ${keyName} ${b64(concatBytes(keyHash, sig))}\n`;
}

/** A key that may sign notes: its signed-note name and Ed25519 public key (hex). */
export interface NoteKey {
	name: string;
	publicKey: string;
}

/** The verifier key string of the Go sumdb/note package: name+hex(keyhash)+base64(0x01 ‖ key). */
export function noteVerifierKey(key: NoteKey): string {
	const pub = hexToBytes(key.publicKey);
	const hash = bytesToHex(noteKeyHash(key.name, pub));
	return `${key.name}+${hash}+${b64(concatBytes(Uint8Array.of(1), pub))}`;
}

export type NoteCheck =
	| { ok: true; checkpoint: Checkpoint; key: NoteKey }
	| { ok: false; code: 'note.format' | 'note.signature' };

/** The note's text and signature lines, split as C2SP signed-note says (body ends at the blank line). */
export function splitNote(note: string): { body: string; signatures: string[] } | null {
	const split = note.indexOf('\n\n');
	if (split < 0 || !note.endsWith('\n')) return null;
	const signatures = note.slice(split + 2, -1).split('\n');
	return { body: note.slice(0, split + 1), signatures };
}

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

export type OpenedNote =
	{ ok: true; body: string; key: NoteKey } | { ok: false; code: 'note.format' | 'note.signature' };

/**
 * Opens a signed note with any of the given keys: the first signature line whose name and key hash
 * match a key and whose Ed25519 signature over the body verifies — as Go's note.Open does.
 */
export function openNote(note: string, keys: readonly NoteKey[]): OpenedNote {
	const parts = splitNote(note);
	if (!parts) return { ok: false, code: 'note.format' };
	const message = utf8ToBytes(parts.body);
	for (const line of parts.signatures) {
		const m = /^\u2014 (\S+) (\S+)$/.exec(line);
		if (!m) continue;
		let raw: Uint8Array;
		try {
			raw = unb64(m[2]);
		} catch {
			continue;
		}
		if (raw.length !== 68) continue;
		const hash = bytesToHex(raw.slice(0, 4));
		for (const key of keys) {
			if (key.name !== m[1] || !/^[0-9a-f]{64}$/.test(key.publicKey)) continue;
			const pub = hexToBytes(key.publicKey);
			if (bytesToHex(noteKeyHash(key.name, pub)) !== hash) continue;
			try {
				if (ed25519.verify(raw.slice(4), message, pub, { zip215: false }))
					return { ok: true, body: parts.body, key: { name: key.name, publicKey: key.publicKey } };
			} catch {
				// A public key that does not decode cannot have signed.
			}
		}
	}
	return { ok: false, code: 'note.signature' };
}

/** The keys a note names with a matching key hash (not yet verified): "which key signed what". */
export function claimedSigners(note: string, keys: readonly NoteKey[]): NoteKey[] {
	const claims = new Set<string>();
	for (const line of splitNote(note)?.signatures ?? []) {
		const m = /^\u2014 (\S+) (\S+)$/.exec(line);
		if (!m) continue;
		try {
			claims.add(`${m[1]} ${bytesToHex(unb64(m[2]).slice(0, 4))}`);
		} catch {
			// Not base64: names no key.
		}
	}
	return keys.filter(
		(key) =>
			/^[0-9a-f]{64}$/.test(key.publicKey) &&
			claims.has(`${key.name} ${bytesToHex(noteKeyHash(key.name, hexToBytes(key.publicKey)))}`)
	);
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
