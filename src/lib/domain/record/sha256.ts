import { sha256 } from '@noble/hashes/sha2.js';

// One reusable hasher, reset from a pristine copy: the ledger hashes millions of short messages and
// allocating a hasher per message costs more than the compression itself.
const pristine = sha256.create();
const work = sha256.create();
const encoder = new TextEncoder();

/** SHA-256 of `data` (FIPS 180-4) written into `out`. */
export function sha256Into(data: Uint8Array, out: Uint8Array = new Uint8Array(32)): Uint8Array {
	pristine._cloneInto(work);
	work.update(data);
	work.digestInto(out);
	return out;
}

/** UTF-8 bytes of a string (WHATWG Encoding). */
export function utf8(s: string): Uint8Array {
	return encoder.encode(s);
}
