import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

// One reusable hasher, reset from a pristine copy: the ledger hashes millions of short messages and
// allocating a hasher per message costs more than the compression itself.
const pristine = sha256.create();
const work = sha256.create();
const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 12);

/** SHA-256 of `data` (FIPS 180-4) written into `out`. */
export function sha256Into(data: Uint8Array, out: Uint8Array = new Uint8Array(32)): Uint8Array {
	pristine._cloneInto(work);
	work.update(data);
	work.digestInto(out);
	return out;
}

/** UTF-8 bytes of `s` in a shared scratch buffer, valid until the next call. */
function utf8Scratch(s: string): Uint8Array {
	if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
	const { written } = encoder.encodeInto(s, scratch);
	return scratch.subarray(0, written);
}

/** UTF-8 bytes of a string (WHATWG Encoding). */
export function utf8(s: string): Uint8Array {
	return encoder.encode(s);
}

/** JCS serialisation of a JSON value: sorted keys, no white space — RFC 8785 §3.2. */
export function canonicalJson(value: unknown): string {
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			// ECMAScript number serialisation is exactly JCS's (RFC 8785 §3.2.2.3).
			if (!Number.isFinite(value)) throw new TypeError('JCS: non-finite number');
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'object':
			if (value === null) return 'null';
			if (Array.isArray(value)) return canonicalArray(value);
			return canonicalObject(value as Record<string, unknown>, undefined);
	}
	throw new TypeError(`JCS: ${typeof value} is not JSON`);
}

function canonicalArray(a: unknown[]): string {
	let s = '[';
	for (let i = 0; i < a.length; i++) s += (i ? ',' : '') + canonicalJson(a[i]);
	return s + ']';
}

/** Keys in UTF-16 code unit order (RFC 8785 §3.2.3); records written canonically skip the sort. */
function sortedKeys(o: object): string[] {
	const keys = Object.keys(o);
	for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
	return keys;
}

function canonicalObject(o: Record<string, unknown>, omit: string | undefined): string {
	const keys = sortedKeys(o);
	let s = '{';
	let first = true;
	for (const k of keys) {
		const v = o[k];
		if (k === omit || v === undefined) continue;
		s += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
		first = false;
	}
	return s + '}';
}

/** JCS of an object without one key — the ledger hashes each entry without its "hash" (spec). */
export function canonicalJsonWithout(o: Record<string, unknown>, omit: string): string {
	return canonicalObject(o, omit);
}

/** Raw SHA-256 of the UTF-8 JCS text — spec `H(x)` as bytes. */
export function hashCanonicalBytes(value: unknown, out?: Uint8Array): Uint8Array {
	return sha256Into(utf8Scratch(canonicalJson(value)), out);
}

/** `H(x)` = SHA-256 of the UTF-8 bytes of JCS(x), lowercase hex (spec: Conventions). */
export function hashCanonical(value: unknown): string {
	return bytesToHex(hashCanonicalBytes(value));
}

/** Raw SHA-256 of a string's UTF-8 bytes. */
export function hashText(text: string, out?: Uint8Array): Uint8Array {
	return sha256Into(utf8Scratch(text), out);
}
