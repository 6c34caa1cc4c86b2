/**
 * The thread that hashes a ledger for the verifier (ledger-queue.ts): SHA-256 of each entry's
 * canonical bytes, compared with the hash the entry states, then the RFC 6962 root over them.
 */
import { hash } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import {
	CLOSED,
	COUNT,
	DONE,
	EVENTS,
	FINISHED,
	FIRST,
	HEX_BYTES,
	MISMATCH,
	POSTED,
	RING,
	SLOT_BYTES,
	SLOT_ENTRIES,
	type QueueBuffers
} from './ledger-queue-layout';
import { isHexOf } from '../domain/ledger/chain';
import { ChunkedMerkleRoot } from '../domain/ledger/merkle';
import { merkleRootOfPackedSimd } from './merkle-simd';

const buffers = workerData as QueueBuffers;
const ctrl = new Int32Array(buffers.ctrl);
const data = new Uint8Array(buffers.data);
const ends = new Int32Array(buffers.ends);
const stated = Buffer.from(buffers.stated);
// The tree is hashed as the entries come, 16,384 leaves at a time, while the verifier is still
// busy: at the end only the last chunk and the nodes above the chunks are left.
const tree = new ChunkedMerkleRoot(1 << 14, merkleRootOfPackedSimd);

let mismatch = -1;

function hashSlot(s: number): void {
	const count = ctrl[COUNT + s];
	const first = ctrl[FIRST + s];
	const base = s * SLOT_BYTES;
	let start = 0;
	for (let k = 0; k < count && mismatch < 0; k++) {
		const end = ends[s * SLOT_ENTRIES + k];
		const digest = hash('sha256', data.subarray(base + start, base + end), 'buffer');
		start = end;
		tree.add(digest);
		const at = (s * SLOT_ENTRIES + k) * HEX_BYTES;
		if (!isHexOf(stated.toString('latin1', at, at + HEX_BYTES), digest)) {
			mismatch = first + k;
			// Before DONE moves: the verifier looks here when it waits for a slot, and stops early.
			Atomics.store(ctrl, MISMATCH, mismatch);
		}
	}
}

let done = 0;
for (;;) {
	// Read the event count before looking: a post or close after the look changes it, so the
	// wait below returns at once instead of sleeping through it.
	const events = Atomics.load(ctrl, EVENTS);
	if (Atomics.load(ctrl, POSTED) > done) {
		// Once an entry fails there is nothing left to learn; slots are still taken, so the
		// verifier is never left waiting for room.
		if (mismatch < 0) hashSlot(done % RING);
		Atomics.store(ctrl, DONE, ++done);
		Atomics.notify(ctrl, DONE);
		continue;
	}
	if (Atomics.load(ctrl, CLOSED)) break;
	Atomics.wait(ctrl, EVENTS, events);
}
if (mismatch < 0) new Uint8Array(buffers.root).set(tree.root());
Atomics.store(ctrl, MISMATCH, mismatch);
Atomics.store(ctrl, FINISHED, 1);
Atomics.notify(ctrl, FINISHED);
