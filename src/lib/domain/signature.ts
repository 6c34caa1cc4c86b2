import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './record/canonical';
import { utf8 } from './record/sha256';
import type { Head, Signature } from './record/types';

const HEX = /^(?:[0-9a-f]{2})+$/;

/** The signed message: UTF-8 JCS of {assembly, seq, hash, merkleRoot} — docs/record-format.md § Signatures. */
export function headMessage(assemblyId: string, head: Head): Uint8Array {
	const { seq, hash, merkleRoot } = head;
	return utf8(canonicalJson({ assembly: assemblyId, seq, hash, merkleRoot }));
}

/** Ed25519 public key (hex) of a 32-byte secret key — RFC 8032 §5.1.5. */
export function publicKeyOf(secretKey: Uint8Array): string {
	return bytesToHex(ed25519.getPublicKey(secretKey));
}

/** Signs the head with Ed25519 — RFC 8032 §5.1.6, docs/record-format.md § Signatures. */
export function signHead(
	secretKey: Uint8Array,
	by: Signature['by'],
	assemblyId: string,
	head: Head
): Signature {
	const signature = ed25519.sign(headMessage(assemblyId, head), secretKey);
	return {
		by,
		alg: 'ed25519',
		publicKey: publicKeyOf(secretKey),
		signature: bytesToHex(signature)
	};
}

/** True iff the Ed25519 signature is valid for the head — RFC 8032 §5.1.7, docs/record-format.md § Signatures. */
export function verifyHeadSignature(sig: Signature, assemblyId: string, head: Head): boolean {
	if (sig.alg !== 'ed25519') return false;
	if (
		typeof sig.publicKey !== 'string' ||
		sig.publicKey.length !== 64 ||
		!HEX.test(sig.publicKey)
	) {
		return false;
	}
	if (
		typeof sig.signature !== 'string' ||
		sig.signature.length !== 128 ||
		!HEX.test(sig.signature)
	) {
		return false;
	}
	try {
		// zip215: false is RFC 8032's strict verification, so every verifier agrees on edge cases.
		const msg = headMessage(assemblyId, head);
		return ed25519.verify(hexToBytes(sig.signature), msg, hexToBytes(sig.publicKey), {
			zip215: false
		});
	} catch {
		// noble throws on points that do not decode; that is an invalid signature, not a bug.
		return false;
	}
}
