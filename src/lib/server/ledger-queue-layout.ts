/**
 * The shared memory between the verifier's thread and the thread that hashes its ledger
 * (ledger-queue.ts, ledger-queue-worker.ts): a ring of slots the verifier fills with entries'
 * canonical bytes and stated hashes, and control words both sides read and wait on with Atomics.
 */

/** Slots in the ring: the verifier fills one while the hashing thread works through the others. */
export const RING = 4;
/** Canonical bytes per slot; a larger entry is hashed in place. */
export const SLOT_BYTES = 4 << 20;
/** Entries per slot. */
export const SLOT_ENTRIES = 16_384;
/** A stated hash: 64 lowercase hex characters, one byte each. */
export const HEX_BYTES = 64;

/** Control words (Int32): bumped on every post and on close, for the hashing thread to wait on. */
export const EVENTS = 0;
/** Slots posted by the verifier. */
export const POSTED = 1;
/** Slots hashed by the hashing thread. */
export const DONE = 2;
/** 1 once the verifier has pushed its last entry. */
export const CLOSED = 3;
/** 1 once the hashing thread has hashed everything and written the root. */
export const FINISHED = 4;
/** The first entry whose stated hash is not its hash, -1 while there is none. */
export const MISMATCH = 5;
/** Entries in slot s at COUNT + s; index of its first entry at FIRST + s. */
export const COUNT = 8;
export const FIRST = COUNT + RING;
export const CTRL_WORDS = FIRST + RING;

/** The buffers, as the worker receives them in workerData. */
export interface QueueBuffers {
	ctrl: SharedArrayBuffer;
	/** RING slots of SLOT_BYTES canonical bytes. */
	data: SharedArrayBuffer;
	/** Int32 end offset of each entry within its slot, SLOT_ENTRIES per slot. */
	ends: SharedArrayBuffer;
	/** HEX_BYTES per entry, SLOT_ENTRIES per slot. */
	stated: SharedArrayBuffer;
	/** The Merkle root, 32 bytes. */
	root: SharedArrayBuffer;
}

export function queueBuffers(): QueueBuffers {
	return {
		ctrl: new SharedArrayBuffer(4 * CTRL_WORDS),
		data: new SharedArrayBuffer(RING * SLOT_BYTES),
		ends: new SharedArrayBuffer(4 * RING * SLOT_ENTRIES),
		stated: new SharedArrayBuffer(HEX_BYTES * RING * SLOT_ENTRIES),
		root: new SharedArrayBuffer(32)
	};
}
