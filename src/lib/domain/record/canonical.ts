import { bytesToHex } from '@noble/hashes/utils.js';
import { nobleSha256, type Sha256 } from './sha256';

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
		case 'object': {
			if (value === null) return 'null';
			if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
			const o = value as Record<string, unknown>;
			const members = sortedKeys(o)
				.filter((k) => o[k] !== undefined)
				.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k]));
			return '{' + members.join(',') + '}';
		}
	}
	throw new TypeError(`JCS: ${typeof value} is not JSON`);
}

/** Keys in UTF-16 code unit order (RFC 8785 §3.2.3); records written canonically skip the sort. */
export function sortedKeys(o: object): string[] {
	const keys = Object.keys(o);
	for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
	return keys;
}

// The hashing path writes JCS straight into one growing UTF-8 buffer: a million ledger entries
// would otherwise build a million strings and encode each again.
const encoder = new TextEncoder();
let buf = new Uint8Array(1 << 16);
let pos = 0;

function reserve(n: number): void {
	if (pos + n <= buf.length) return;
	const bigger = new Uint8Array(Math.max(buf.length * 2, pos + n));
	bigger.set(buf.subarray(0, pos));
	buf = bigger;
}

function writeText(t: string): void {
	reserve(t.length * 3);
	pos += encoder.encodeInto(t, buf.subarray(pos)).written;
}

function writeString(s: string): void {
	reserve(s.length + 2);
	// Locals, not the module bindings, inside the per-character loop.
	const b = buf;
	let p = pos;
	b[p++] = 0x22;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// Printable ASCII other than " and \ is written as is; anything else takes JSON.stringify.
		if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return writeText(JSON.stringify(s));
		b[p++] = c;
	}
	b[p++] = 0x22;
	pos = p;
}

/** A non-negative safe integer in decimal, as ECMAScript prints it (seq numbers). */
function writeDigits(n: number): void {
	reserve(16);
	if (n === 0) {
		buf[pos++] = 0x30;
		return;
	}
	let digits = 0;
	for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
	for (let i = pos + digits - 1, m = n; m > 0; i--, m = Math.floor(m / 10))
		buf[i] = 0x30 + (m % 10);
	pos += digits;
}

function writeValue(v: unknown, omit?: string): void {
	if (typeof v === 'string') return writeString(v);
	if (Number.isSafeInteger(v) && (v as number) >= 0) return writeDigits(v as number);
	if (typeof v !== 'object' || v === null) return writeText(canonicalJson(v));
	reserve(1);
	if (Array.isArray(v)) {
		buf[pos++] = 0x5b;
		for (let i = 0; i < v.length; i++) {
			if (i) buf[pos++] = 0x2c;
			writeValue(v[i]);
			reserve(1);
		}
		buf[pos++] = 0x5d;
		return;
	}
	const o = v as Record<string, unknown>;
	buf[pos++] = 0x7b;
	let first = true;
	for (const k of sortedKeys(o)) {
		if (k === omit || o[k] === undefined) continue;
		reserve(1);
		if (!first) buf[pos++] = 0x2c;
		first = false;
		writeString(k);
		reserve(1);
		buf[pos++] = 0x3a;
		writeValue(o[k]);
	}
	reserve(1);
	buf[pos++] = 0x7d;
}

/**
 * UTF-8 bytes of JCS(value), leaving out key `omit` of the top object, in a shared buffer that the
 * next call overwrites — RFC 8785.
 */
export function canonicalBytes(value: unknown, omit?: string): Uint8Array {
	pos = 0;
	writeValue(value, omit);
	return buf.subarray(0, pos);
}

/** Raw `H(x)`: SHA-256 of the UTF-8 bytes of JCS(x) (docs/record-format.md § Canonical JSON and H(x)). */
export function hashCanonicalBytes(
	value: unknown,
	out: Uint8Array = new Uint8Array(32),
	sha: Sha256 = nobleSha256
): Uint8Array {
	return sha.digestInto(canonicalBytes(value), out);
}

/** `H(x)` = SHA-256 of the UTF-8 bytes of JCS(x), lowercase hex (docs/record-format.md § Canonical JSON and H(x)). */
export function hashCanonical(value: unknown, sha: Sha256 = nobleSha256): string {
	return bytesToHex(hashCanonicalBytes(value, new Uint8Array(32), sha));
}
