import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { verifyConsistency } from './merkle-verify';
import { b64, splitNote, unb64, type NoteKey } from './note';

/** Key ID of an Ed25519 cosigner: SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4] — C2SP tlog-cosignature. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): Uint8Array {
	return sha256(concatBytes(utf8ToBytes(`${name}\n`), Uint8Array.of(4), publicKey)).slice(0, 4);
}

/** The signed message: "cosignature/v1", "time <t>", then the whole checkpoint body — C2SP tlog-cosignature. */
export function cosignedMessage(body: string, timestamp: number): Uint8Array {
	return utf8ToBytes(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

/** A cosignature line from its parts: "— name base64(key ID ‖ u64 timestamp ‖ signature)". */
export function cosignatureLine(
	name: string,
	keyId: Uint8Array,
	timestamp: number,
	signature: Uint8Array
): string {
	const ts = new Uint8Array(8);
	new DataView(ts.buffer).setBigUint64(0, BigInt(timestamp));
	return `\u2014 ${name} ${b64(concatBytes(keyId, ts, signature))}`;
}

/** Cosigns a checkpoint body with a secret key held here (the CLI witness). */
export function cosign(body: string, name: string, secretKey: Uint8Array, timestamp: number) {
	const sig = ed25519.sign(cosignedMessage(body, timestamp), secretKey);
	return cosignatureLine(
		name,
		cosignerKeyId(name, ed25519.getPublicKey(secretKey)),
		timestamp,
		sig
	);
}

export interface ParsedCosignature {
	name: string;
	keyId: string;
	timestamp: number;
	signature: Uint8Array;
}

/** Reads a cosignature/v1 line; null if it is not one (76 bytes after base64). */
export function parseCosignatureLine(line: string): ParsedCosignature | null {
	const m = /^\u2014 (\S+) (\S+)$/.exec(line);
	if (!m) return null;
	let raw: Uint8Array;
	try {
		raw = unb64(m[2]);
	} catch {
		return null;
	}
	if (raw.length !== 76) return null;
	const ts = new DataView(raw.buffer, raw.byteOffset + 4, 8).getBigUint64(0);
	if (ts > BigInt(Number.MAX_SAFE_INTEGER)) return null;
	return {
		name: m[1],
		keyId: bytesToHex(raw.slice(0, 4)),
		timestamp: Number(ts),
		signature: raw.slice(12)
	};
}

/** The timestamp of `key`'s valid cosignature on the note's body, or null if it has none. */
export function verifyCosignature(note: string, key: NoteKey): number | null {
	const parts = splitNote(note);
	if (!parts || !/^[0-9a-f]{64}$/.test(key.publicKey)) return null;
	const pub = hexToBytes(key.publicKey);
	const id = bytesToHex(cosignerKeyId(key.name, pub));
	for (const line of parts.signatures) {
		const c = parseCosignatureLine(line);
		if (!c || c.name !== key.name || c.keyId !== id) continue;
		try {
			if (
				ed25519.verify(c.signature, cosignedMessage(parts.body, c.timestamp), pub, {
					zip215: false
				})
			)
				return c.timestamp;
		} catch {
			// An undecodable key or signature is no cosignature.
		}
	}
	return null;
}

export interface TreeHead {
	treeSize: number;
	root: string;
}

export type ExtensionCheck =
	{ ok: true } | { ok: false; code: 'fork.sameSize' | 'fork.smaller' | 'fork.inconsistent' };

/**
 * Whether `next` extends `seen` — a witness's one rule (C2SP tlog-witness): the same size must have
 * the same root, a smaller tree is refused, a larger one needs a valid RFC 6962 consistency proof.
 */
export function checkExtension(
	seen: TreeHead | null,
	next: TreeHead,
	proof: readonly string[]
): ExtensionCheck {
	if (!seen) return { ok: true };
	if (next.treeSize === seen.treeSize)
		return next.root === seen.root ? { ok: true } : { ok: false, code: 'fork.sameSize' };
	if (next.treeSize < seen.treeSize) return { ok: false, code: 'fork.smaller' };
	try {
		const ok = verifyConsistency(
			seen.treeSize,
			next.treeSize,
			proof.map((p) => hexToBytes(p)),
			hexToBytes(seen.root),
			hexToBytes(next.root)
		);
		return ok ? { ok: true } : { ok: false, code: 'fork.inconsistent' };
	} catch {
		return { ok: false, code: 'fork.inconsistent' };
	}
}
