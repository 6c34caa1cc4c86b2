// `npx tsx scripts/merkle-wasm.ts`: writes src/lib/server/merkle-simd-module.ts, the WebAssembly
// module behind src/lib/server/merkle-simd.ts. It generates the module's text (WAT) here and
// assembles it with wabt, so the committed bytes can always be rebuilt from this file.
//
// The module hashes four RFC 6962 tree nodes at once, one per 32-bit lane of WebAssembly's
// 128-bit SIMD (FIPS 180-4 SHA-256, every round unrolled):
//   leaves(base, n): each 32-byte leaf at base + 32 i becomes SHA-256(0x00 ‖ leaf), in place;
//   nodes(base, pairs): the pair at base + 64 j becomes SHA-256(0x01 ‖ left ‖ right) at base + 32 j.
// The messages have fixed lengths (33 and 65 bytes), so their padding is constant. The last group
// of four repeats the last message in its spare lanes, which rewrite the same bytes.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import wabtInit from 'wabt';
import { IV, K } from '../src/lib/domain/ledger/merkle-words';

const splat = (x: number) =>
	`(v128.const i32x4 ${[x, x, x, x].map((v) => '0x' + (v >>> 0).toString(16)).join(' ')})`;
const rotr = (x: string, n: number) =>
	`(v128.or (i32x4.shr_u ${x} (i32.const ${n})) (i32x4.shl ${x} (i32.const ${32 - n})))`;
const xor3 = (p: string, q: string, r: string) => `(v128.xor (v128.xor ${p} ${q}) ${r})`;
const add = (...xs: string[]) => xs.reduce((s, x) => `(i32x4.add ${s} ${x})`);
const get = (name: string) => `(local.get $${name})`;
// Reverses the bytes of each 32-bit lane: memory holds the big-endian words SHA-256 reads.
const BSWAP = 'i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12';

/** 64 rounds on state locals s0..s7 with schedule locals w0..w15 holding the block; adds into h0..h7. */
function compression() {
	const out: string[] = [];
	let v = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'];
	for (let i = 0; i < 64; i++) {
		const w = (j: number) => get(`w${j & 15}`);
		if (i >= 16) {
			const a = w(i - 15);
			const b = w(i - 2);
			const s0 = xor3(rotr(a, 7), rotr(a, 18), `(i32x4.shr_u ${a} (i32.const 3))`);
			const s1 = xor3(rotr(b, 17), rotr(b, 19), `(i32x4.shr_u ${b} (i32.const 10))`);
			out.push(`(local.set $w${i & 15} ${add(s1, w(i - 7), s0, w(i - 16))})`);
		}
		const [a, b, c, d, e, f, g, h] = v.map(get);
		const S1 = xor3(rotr(e, 6), rotr(e, 11), rotr(e, 25));
		const ch = `(v128.bitselect ${f} ${g} ${e})`;
		out.push(`(local.set $t1 ${add(h, S1, ch, splat(K[i]), w(i))})`);
		const S0 = xor3(rotr(a, 2), rotr(a, 13), rotr(a, 22));
		const maj = `(v128.bitselect ${a} ${b} (v128.xor ${b} ${c}))`;
		out.push(`(local.set $${v[3]} (i32x4.add ${d} (local.get $t1)))`);
		out.push(`(local.set $${v[7]} ${add('(local.get $t1)', S0, maj)})`);
		v = [v[7], v[0], v[1], v[2], v[3], v[4], v[5], v[6]];
	}
	// After 64 rounds the roles are back where they started (64 is a multiple of 8).
	for (let j = 0; j < 8; j++)
		out.push(`(local.set $h${j} (i32x4.add ${get(`h${j}`)} ${get(v[j])}))`);
	return out.join('\n');
}

const startState = () =>
	Array.from({ length: 8 }, (_, j) => `(local.set $s${j} ${get(`h${j}`)})`).join('\n');
const setIV = () => Array.from(IV, (x, j) => `(local.set $h${j} ${splat(x)})`).join('\n');

/** The big-endian word at `offset` past each lane's address, as one vector. */
function loadWords(offset: number): string {
	const lane = (k: number) => `(i32.load offset=${offset} (local.get $p${k}))`;
	return (
		`(${BSWAP} (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1 ` +
		`(i32x4.splat ${lane(0)}) ${lane(1)}) ${lane(2)}) ${lane(3)}) (v128.const i32x4 0 0 0 0))`
	);
}

/** Writes state h0..h7 of lane k big-endian at lane k's output address. */
function storeState(): string {
	const out: string[] = [];
	for (let j = 0; j < 8; j++) {
		out.push(`(local.set $t1 (${BSWAP} ${get(`h${j}`)} (v128.const i32x4 0 0 0 0)))`);
		for (let k = 0; k < 4; k++)
			out.push(
				`(i32.store offset=${4 * j + 1} (local.get $q${k}) (i32x4.extract_lane ${k} (local.get $t1)))`
			);
	}
	return out.join('\n');
}

const locals = [
	...Array.from({ length: 8 }, (_, j) => `(local $s${j} v128)`),
	...Array.from({ length: 8 }, (_, j) => `(local $h${j} v128)`),
	...Array.from({ length: 16 }, (_, j) => `(local $w${j} v128)`),
	'(local $t1 v128) (local $x v128) (local $i i32) (local $last i32)',
	'(local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)',
	'(local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)'
].join(' ');

/** Lane k takes message min(i + k, last): the spare lanes of the last group repeat the last message. */
function laneAddresses(inSize: number, outSize: number): string {
	const out: string[] = [];
	for (let k = 0; k < 4; k++) {
		const idx = `(select (i32.add (local.get $i) (i32.const ${k})) (local.get $last) (i32.le_u (i32.add (local.get $i) (i32.const ${k})) (local.get $last)))`;
		out.push(
			`(local.set $p${k} (i32.add (local.get $base) (i32.mul ${idx} (i32.const ${inSize}))))`
		);
		out.push(
			`(local.set $q${k} (i32.add (local.get $base) (i32.mul ${idx} (i32.const ${outSize}))))`
		);
	}
	return out.join('\n');
}

const loop = (count: string, body: string) => `
(local.set $last (i32.sub (local.get ${count}) (i32.const 1)))
(local.set $i (i32.const 0))
(block $done (loop $next
	(br_if $done (i32.ge_u (local.get $i) (local.get ${count})))
	${body}
	(local.set $i (i32.add (local.get $i) (i32.const 4)))
	(br $next)))`;

// Messages start one byte early so that each word lines up: the byte before a message (at
// address - 1) is replaced by the prefix 0x00 or 0x01. `base` must therefore be at least 1.
const mask = (x: string, keep: number, set: number) =>
	`(v128.or (v128.and ${x} ${splat(keep)}) ${splat(set)})`;

const leafBody = `
${laneAddresses(32, 32)}
${Array.from({ length: 9 }, (_, j) => `(local.set $w${j} ${loadWords(4 * j - 1 + 1)})`).join('\n')}
(local.set $w0 ${mask(get('w0'), 0x00ffffff, 0)})
(local.set $w8 ${mask(get('w8'), 0xff000000, 0x00800000)})
${Array.from({ length: 6 }, (_, j) => `(local.set $w${j + 9} ${splat(0)})`).join('\n')}
(local.set $w15 ${splat(264)})
${setIV()}
${startState()}
${compression()}
${storeState()}`;

const nodeBody = `
${laneAddresses(64, 32)}
${Array.from({ length: 16 }, (_, j) => `(local.set $w${j} ${loadWords(4 * j - 1 + 1)})`).join('\n')}
(local.set $w0 ${mask(get('w0'), 0x00ffffff, 0x01000000)})
(local.set $x ${loadWords(64 - 1 + 1)})
${setIV()}
${startState()}
${compression()}
(local.set $w0 ${mask(get('x'), 0xff000000, 0x00800000)})
${Array.from({ length: 14 }, (_, j) => `(local.set $w${j + 1} ${splat(0)})`).join('\n')}
(local.set $w15 ${splat(520)})
${startState()}
${compression()}
${storeState()}`;

// Lane addresses are computed from base - 1 so that offsets stay non-negative (stores add 1 back).
const wat = `(module
(memory (export "memory") 1)
(func (export "leaves") (param $base i32) (param $n i32) ${locals}
(local.set $base (i32.sub (local.get $base) (i32.const 1)))
${loop('$n', leafBody)})
(func (export "nodes") (param $base i32) (param $pairs i32) ${locals}
(local.set $base (i32.sub (local.get $base) (i32.const 1)))
${loop('$pairs', nodeBody)}))`;

/** The module's bytes, assembled from the text above. */
export async function merkleSimdModule(): Promise<Uint8Array> {
	const wabt = await wabtInit();
	const parsed = wabt.parseWat('merkle-simd.wat', wat, { simd: true });
	parsed.validate();
	return parsed.toBinary({}).buffer;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const buffer = await merkleSimdModule();
	const base64 = Buffer.from(buffer).toString('base64');
	const lines = base64.match(/.{1,100}/g)!.map((l) => `\t'${l}'`);
	writeFileSync(
		new URL('../src/lib/server/merkle-simd-module.ts', import.meta.url),
		`// Generated by scripts/merkle-wasm.ts; do not edit. ${buffer.length} bytes of WebAssembly.\n` +
			`export const MERKLE_SIMD_WASM =\n${lines.join(' +\n')};\n`
	);
	console.log(`merkle-simd-module.ts: ${buffer.length} bytes of WebAssembly`);
}
