/**
 * The Merkle Tree Hash of RFC 6962 §2.1 over a packed buffer of 32-byte leaves, on 32-bit words.
 *
 * A million-entry ledger takes about three million SHA-256 compressions here (one per leaf, two per
 * interior node), as many as hashing the entries themselves. Its messages have fixed lengths (33
 * and 65 bytes), so each block is assembled straight from the children's state words with the
 * padding known in advance, and FIPS 180-4's compression runs on those words: no byte buffers,
 * no padding logic, no copies per node. merkle.test.ts checks it against the byte-wise
 * implementation on RFC 6962 vectors and random trees.
 */

// FIPS 180-4 §4.2.2 round constants and §5.3.3 initial hash value.
// prettier-ignore
export const K = Int32Array.from([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
// prettier-ignore
export const IV = Int32Array.from([
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
]);

/** Message schedule; its first 16 words are the block. */
const W = new Int32Array(64);
/** K[i] + W[i] for the 64 rounds of the block being compressed. */
const KW = new Int32Array(64);
/** Working state between the two blocks of an interior node. */
const S = new Int32Array(8);

/** The message schedule of the block in W[0..15], plus the round constants, into `kw` at `at` (FIPS 180-4 §6.2.2 step 1). */
function schedule(kw: Int32Array, at: number): void {
	for (let i = 16; i < 64; i++) {
		const a = W[i - 15];
		const b = W[i - 2];
		const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
		const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
		W[i] = (s1 + W[i - 7] + s0 + W[i - 16]) | 0;
	}
	for (let i = 0; i < 64; i++) kw[at + i] = (K[i] + W[i]) | 0;
}

/** The 64 rounds of one SHA-256 compression into state `s`, with K + W read from `kw` at `at` (FIPS 180-4 §6.2.2 steps 2–4). */
function rounds(s: Int32Array, kw: Int32Array, at: number): void {
	let a = s[0];
	let b = s[1];
	let c = s[2];
	let d = s[3];
	let e = s[4];
	let f = s[5];
	let g = s[6];
	let h = s[7];
	for (let i = 0; i < 64; i++) {
		const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
		const t1 = (h + S1 + ((e & f) ^ (~e & g)) + kw[at + i]) | 0;
		const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
		const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
		h = g;
		g = f;
		f = e;
		e = (d + t1) | 0;
		d = c;
		c = b;
		b = a;
		a = (t1 + t2) | 0;
	}
	s[0] = (s[0] + a) | 0;
	s[1] = (s[1] + b) | 0;
	s[2] = (s[2] + c) | 0;
	s[3] = (s[3] + d) | 0;
	s[4] = (s[4] + e) | 0;
	s[5] = (s[5] + f) | 0;
	s[6] = (s[6] + g) | 0;
	s[7] = (s[7] + h) | 0;
}

/** One SHA-256 compression of the block in W[0..15] into state `s` (FIPS 180-4 §6.2.2). */
function compress(s: Int32Array): void {
	schedule(KW, 0);
	rounds(s, KW, 0);
}

/**
 * An interior node's second block is its last message byte, 0x80, zeros and the bit length 520:
 * only that byte varies, so the 256 possible schedules (with K added) are computed once, and half
 * of the tree's compressions skip the schedule.
 */
const LAST_KW = new Int32Array(256 * 64);
for (let byte = 0; byte < 256; byte++) {
	W[0] = (byte << 24) | 0x00800000;
	for (let j = 1; j < 15; j++) W[j] = 0;
	W[15] = 520;
	schedule(LAST_KW, 64 * byte);
}

/**
 * Leaf hash SHA-256(0x00 ‖ d) of the 8 words at `h[at..]`, in place: one block of 33 message bytes,
 * 0x80, zeros and the bit length 264.
 */
function leafInPlace(h: Int32Array, at: number): void {
	let prev = 0x00;
	for (let j = 0; j < 8; j++) {
		const x = h[at + j];
		W[j] = (prev << 24) | (x >>> 8);
		prev = x & 0xff;
	}
	W[8] = (prev << 24) | 0x00800000;
	for (let j = 9; j < 15; j++) W[j] = 0;
	W[15] = 264;
	S.set(IV);
	compress(S);
	h.set(S, at);
}

/**
 * Interior hash SHA-256(0x01 ‖ left ‖ right) of the 16 words at `h[from..]`, written at `h[to..]`:
 * a full block, then one holding the last byte, 0x80, zeros and the bit length 520.
 */
function nodeInto(h: Int32Array, from: number, to: number): void {
	let prev = 0x01;
	for (let j = 0; j < 16; j++) {
		const x = h[from + j];
		W[j] = (prev << 24) | (x >>> 8);
		prev = x & 0xff;
	}
	S.set(IV);
	compress(S);
	rounds(S, LAST_KW, 64 * prev);
	h.set(S, to);
}

/**
 * MTH over `n ≥ 1` leaves of 32 bytes each, packed in `packed` (not modified): hashing level by
 * level and carrying an odd last node up unchanged gives the tree of RFC 6962's split at the
 * largest power of two — RFC 6962 §2.1.
 */
export function merkleRootOfPackedWords(packed: Uint8Array, n: number): Uint8Array {
	const h = new Int32Array(8 * n);
	for (let i = 0, p = 0; i < 8 * n; i++, p += 4) {
		h[i] = (packed[p] << 24) | (packed[p + 1] << 16) | (packed[p + 2] << 8) | packed[p + 3];
	}
	for (let i = 0; i < n; i++) leafInPlace(h, 8 * i);
	while (n > 1) {
		const half = n >> 1;
		for (let j = 0; j < half; j++) nodeInto(h, 16 * j, 8 * j);
		if (n & 1) h.copyWithin(8 * half, 8 * (n - 1), 8 * n);
		n = half + (n & 1);
	}
	const root = new Uint8Array(32);
	for (let i = 0; i < 8; i++) {
		const x = h[i];
		root[4 * i] = x >>> 24;
		root[4 * i + 1] = (x >>> 16) & 0xff;
		root[4 * i + 2] = (x >>> 8) & 0xff;
		root[4 * i + 3] = x & 0xff;
	}
	return root;
}
