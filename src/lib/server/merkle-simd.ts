import { createHash } from 'node:crypto';
import { MERKLE_SIMD_WASM } from './merkle-simd-module';

/**
 * The RFC 6962 §2.1 Merkle Tree Hash over packed 32-byte leaves, four SHA-256 messages at a time
 * in WebAssembly SIMD lanes (module built by scripts/merkle-wasm.ts). A million-leaf tree is
 * about three million compressions; in lanes they cost about a quarter of merkle-words.ts's.
 * For the CLI and the server (through nodeSha256); the browser's verifier keeps merkle-words.ts,
 * which merkle-simd.test.ts checks this against.
 */

interface Exports {
	memory: WebAssembly.Memory;
	leaves(base: number, n: number): void;
	nodes(base: number, pairs: number): void;
}

/** Leaves start here: one byte before each message must exist (the module overwrites its prefix). */
const BASE = 64;
/** Reads run up to three bytes past a message, and the last group may repeat a message. */
const SLACK = 256;
/** A module whose memory grew past this is dropped after its tree: memory never shrinks. */
const KEEP_BYTES = 16 * 2 ** 20;

let instance: Exports | null = null;
function module(): Exports {
	instance ??= new WebAssembly.Instance(
		new WebAssembly.Module(Buffer.from(MERKLE_SIMD_WASM, 'base64'))
	).exports as unknown as Exports;
	return instance;
}

/**
 * MTH over `n` leaves packed in `packed` (not modified), levels carried as in merkle-words.ts;
 * the empty tree is SHA-256 of nothing — RFC 6962 §2.1.
 */
export function merkleRootOfPackedSimd(packed: Uint8Array, n: number): Uint8Array {
	if (n === 0) return new Uint8Array(createHash('sha256').digest());
	const m = module();
	const need = BASE + 32 * n + SLACK;
	if (m.memory.buffer.byteLength < need)
		m.memory.grow(Math.ceil((need - m.memory.buffer.byteLength) / 65536));
	const mem = new Uint8Array(m.memory.buffer);
	mem.set(packed.subarray(0, 32 * n), BASE);
	m.leaves(BASE, n);
	while (n > 1) {
		const half = n >> 1;
		m.nodes(BASE, half);
		if (n & 1) mem.copyWithin(BASE + 32 * half, BASE + 32 * (n - 1), BASE + 32 * n);
		n = half + (n & 1);
	}
	const root = mem.slice(BASE, BASE + 32);
	// A million-leaf tree grows the memory to 32 MB; a server keeps it only for small trees.
	if (m.memory.buffer.byteLength > KEEP_BYTES) instance = null;
	return root;
}
