import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** C2SP signed-note: a text, a blank line, and signature lines "— <key name> base64(key hash ‖ signature)". */

export const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
export const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Key hash of an Ed25519 note key: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[:4] — C2SP signed-note. */
export function noteKeyHash(name: string, publicKey: Uint8Array): Uint8Array {
	return sha256(concatBytes(utf8ToBytes(`${name}\n`), Uint8Array.of(1), publicKey)).slice(0, 4);
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

/**
 * Parses a verifier key as Go's note.NewVerifier reads it (name+hex(keyhash)+base64(0x01 ‖ key));
 * null if it is malformed or its key hash does not match.
 */
export function parseNoteVerifierKey(vkey: string): NoteKey | null {
	const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
	if (!m) return null;
	let raw: Uint8Array;
	try {
		raw = unb64(m[3]);
	} catch {
		return null;
	}
	if (raw.length !== 33 || raw[0] !== 1) return null;
	const key = { name: m[1], publicKey: bytesToHex(raw.slice(1)) };
	return bytesToHex(noteKeyHash(key.name, raw.slice(1))) === m[2] ? key : null;
}

/** The signature line of `name` over `text` (which must end in a newline) — C2SP signed-note. */
export function noteSignatureLine(text: string, name: string, secretKey: Uint8Array): string {
	const sig = ed25519.sign(utf8ToBytes(text), secretKey);
	const keyHash = noteKeyHash(name, ed25519.getPublicKey(secretKey));
	return `\u2014 ${name} ${b64(concatBytes(keyHash, sig))}`;
}

/** A signed note: the text, a blank line, one signature line. */
export function signNote(text: string, name: string, secretKey: Uint8Array): string {
	return `${text}\n${noteSignatureLine(text, name, secretKey)}\n`;
}

/** The note's text and signature lines, split as C2SP signed-note says (body ends at the blank line). */
export function splitNote(note: string): { body: string; signatures: string[] } | null {
	const split = note.indexOf('\n\n');
	if (split < 0 || !note.endsWith('\n')) return null;
	const signatures = note.slice(split + 2, -1).split('\n');
	return { body: note.slice(0, split + 1), signatures };
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
