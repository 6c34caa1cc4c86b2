import { sha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 (FIPS 180-4) as the domain uses it: the caller picks the implementation, so the browser
 * keeps @noble/hashes and a Node shell may pass OpenSSL's (src/lib/server/sha256.ts). Both give
 * the same bytes; only the speed differs.
 */
export interface Sha256 {
	/** SHA-256 of `data` written into `out` (32 bytes), which is returned. */
	digestInto(data: Uint8Array, out: Uint8Array): Uint8Array;
	/**
	 * RFC 6962 root over `n` packed 32-byte leaves, when the shell has a faster tree than
	 * merkle-words.ts (the server's runs four messages at once in WebAssembly SIMD lanes).
	 */
	merkleRootOfPacked?(packed: Uint8Array, n: number): Uint8Array;
	/**
	 * A queue that hashes a ledger of `n` entries beside the caller, when the shell has another
	 * thread to do it in (the CLI's, src/lib/server/ledger-queue.ts); null to hash in place.
	 */
	queueLedger?(n: number): LedgerQueue | null;
}

/**
 * Ledger entries hashed off the caller's thread, in the order pushed: the caller walks the ledger
 * once, pushing each entry's canonical bytes and the hash the entry states, and learns at the end
 * whether every stated hash was the entry's own.
 */
export interface LedgerQueue {
	/**
	 * Copies an entry's canonical bytes (without its "hash" key) and its stated hash; false when
	 * the queue cannot take it (the stated hash is not 64 ASCII characters, the entry is too large,
	 * the other thread stopped), and the caller hashes in place instead.
	 */
	push(bytes: Uint8Array, stated: unknown): boolean;
	/**
	 * Waits for the other thread: the RFC 6962 root over the pushed entries' hashes, or null when
	 * some stated hash is not the lowercase hex of its entry's hash, or the thread failed.
	 */
	finish(): Uint8Array | null;
	/** Stops the other thread without waiting for it. */
	cancel(): void;
}

// One reusable hasher, reset from a pristine copy: the ledger hashes millions of short messages and
// allocating a hasher per message costs more than the compression itself.
const pristine = sha256.create();
const work = sha256.create();
const encoder = new TextEncoder();

/** SHA-256 of `data` (FIPS 180-4) written into `out`, with @noble/hashes. */
export function sha256Into(data: Uint8Array, out: Uint8Array = new Uint8Array(32)): Uint8Array {
	pristine._cloneInto(work);
	work.update(data);
	work.digestInto(out);
	return out;
}

/** The pure-JavaScript implementation, the default everywhere (browser included). */
export const nobleSha256: Sha256 = { digestInto: sha256Into };

/** UTF-8 bytes of a string (WHATWG Encoding). */
export function utf8(s: string): Uint8Array {
	return encoder.encode(s);
}
