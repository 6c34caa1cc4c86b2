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

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

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

export type NoteCheck =
	{ ok: true; checkpoint: Checkpoint } | { ok: false; code: 'note.format' | 'note.signature' };

/** Parses a signed checkpoint note and verifies the signature line of `keyName` with `publicKey` (hex). */
export function verifyCheckpointNote(
	note: string,
	keyName: string,
	publicKeyHex: string
): NoteCheck {
	const split = note.indexOf('\n\n');
	if (split < 0) return { ok: false, code: 'note.format' };
	const body = note.slice(0, split + 1);
	const lines = body.split('\n');
	const treeSize = Number(lines[1]);
	if (
		lines.length < 4 ||
		!lines[0] ||
		!/^\d+$/.test(lines[1] ?? '') ||
		!Number.isSafeInteger(treeSize)
	) {
		return { ok: false, code: 'note.format' };
	}
	let root: string;
	try {
		const raw = unb64(lines[2]);
		if (raw.length !== 32) return { ok: false, code: 'note.format' };
		root = bytesToHex(raw);
	} catch {
		return { ok: false, code: 'note.format' };
	}
	const publicKey = hexToBytes(publicKeyHex);
	const want = bytesToHex(noteKeyHash(keyName, publicKey));
	for (const line of note.slice(split + 2).split('\n')) {
		const m = /^\u2014 (\S+) (\S+)$/.exec(line);
		if (!m || m[1] !== keyName) continue;
		let raw: Uint8Array;
		try {
			raw = unb64(m[2]);
		} catch {
			continue;
		}
		if (raw.length !== 68 || bytesToHex(raw.slice(0, 4)) !== want) continue;
		if (ed25519.verify(raw.slice(4), utf8ToBytes(body), publicKey)) {
			return { ok: true, checkpoint: { origin: lines[0], treeSize, root } };
		}
	}
	return { ok: false, code: 'note.signature' };
}
