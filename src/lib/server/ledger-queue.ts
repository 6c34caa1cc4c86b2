import type { Worker } from 'node:worker_threads';
import type { LedgerQueue } from '../domain/record/sha256';
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
	queueBuffers,
	RING,
	SLOT_BYTES,
	SLOT_ENTRIES
} from './ledger-queue-layout';
import { startWorker, workerScript } from './worker-script';

/**
 * A wait that sees no progress for this long gives up: the hashing thread failed to start or
 * died, and the verifier hashes in place instead (a tsx worker starts in well under a second).
 */
const STALL_MS = 30_000;

/** Each wait wakes this often to look at the clock. */
const WAKE_MS = 500;

export interface LedgerQueueOptions {
	/** Ledgers shorter than this are hashed in place: starting a thread costs more. */
	minEntries?: number;
	/** How long a wait may see no progress before the queue gives up (tests shorten it). */
	stallMs?: number;
}

/**
 * Hashes a ledger in a worker thread while the verifier checks and counts it in its own: the
 * verifier's thread only writes each entry's canonical bytes into shared memory. The verifier
 * waits with Atomics.wait, so this is for Node's main thread (the CLI), not a server's request
 * path or a browser.
 */
export class WorkerLedgerQueue implements LedgerQueue {
	private readonly ctrl: Int32Array;
	private readonly data: Uint8Array;
	private readonly ends: Int32Array;
	private readonly stated: Buffer;
	private readonly root: Uint8Array;
	private readonly worker: Worker;
	/** Slots posted, entries pushed before the current slot, and the current slot's fill. */
	private posted = 0;
	private first = 0;
	private count = 0;
	private used = 0;
	private failed = false;

	private readonly stallMs: number;

	constructor(start: (workerData: unknown) => Worker, options: LedgerQueueOptions = {}) {
		this.stallMs = options.stallMs ?? STALL_MS;
		const buffers = queueBuffers();
		this.ctrl = new Int32Array(buffers.ctrl);
		this.ctrl[MISMATCH] = -1;
		this.data = new Uint8Array(buffers.data);
		this.ends = new Int32Array(buffers.ends);
		this.stated = Buffer.from(buffers.stated);
		this.root = new Uint8Array(buffers.root);
		this.worker = start(buffers);
		this.worker.unref();
		// The verifier's thread learns of a failure by the stall; this only keeps it from being
		// reported as an uncaught error once that thread is free again.
		this.worker.on('error', () => (this.failed = true));
	}

	/** Waits until `ready()`; false after `stallMs` without `ctrl[word]` changing. */
	private waitFor(word: number, ready: () => boolean): boolean {
		let seen = Atomics.load(this.ctrl, word);
		let since = Date.now();
		while (!ready()) {
			if (this.failed) return false;
			Atomics.wait(this.ctrl, word, seen, WAKE_MS);
			const now = Atomics.load(this.ctrl, word);
			if (now !== seen) [seen, since] = [now, Date.now()];
			else if (Date.now() - since > this.stallMs) return false;
		}
		return true;
	}

	private post(): void {
		const s = this.posted % RING;
		this.ctrl[COUNT + s] = this.count;
		this.ctrl[FIRST + s] = this.first;
		this.first += this.count;
		this.count = this.used = 0;
		Atomics.store(this.ctrl, POSTED, ++this.posted);
		Atomics.add(this.ctrl, EVENTS, 1);
		Atomics.notify(this.ctrl, EVENTS);
	}

	push(bytes: Uint8Array, stated: unknown): boolean {
		if (this.failed || typeof stated !== 'string' || stated.length !== HEX_BYTES) return false;
		if (bytes.length > SLOT_BYTES) return false;
		if (this.count === SLOT_ENTRIES || this.used + bytes.length > SLOT_BYTES) this.post();
		// A new slot is written only once the hashing thread is done with it.
		if (this.count === 0) {
			const free = () => this.posted - Atomics.load(this.ctrl, DONE) < RING;
			if (!this.waitFor(DONE, free)) {
				this.failed = true;
				return false;
			}
			// A hash already found wrong: the record goes to the in-place verifier now.
			if (Atomics.load(this.ctrl, MISMATCH) >= 0) return false;
		}
		const s = this.posted % RING;
		const k = s * SLOT_ENTRIES + this.count;
		// 64 characters that are 64 UTF-8 bytes are ASCII; the hashing thread checks they are hex.
		if (this.stated.write(stated, k * HEX_BYTES, HEX_BYTES, 'utf8') !== HEX_BYTES) return false;
		this.data.set(bytes, s * SLOT_BYTES + this.used);
		this.used += bytes.length;
		this.ends[k] = this.used;
		this.count++;
		return true;
	}

	finish(): Uint8Array | null {
		if (this.count) this.post();
		Atomics.store(this.ctrl, CLOSED, 1);
		Atomics.add(this.ctrl, EVENTS, 1);
		Atomics.notify(this.ctrl, EVENTS);
		const finished = () => Atomics.load(this.ctrl, FINISHED) === 1;
		// Progress while finishing is slots done, then the flag.
		const ok =
			this.waitFor(DONE, () => finished() || Atomics.load(this.ctrl, DONE) === this.posted) &&
			this.waitFor(FINISHED, finished);
		this.cancel();
		return ok && Atomics.load(this.ctrl, MISMATCH) < 0 ? this.root.slice() : null;
	}

	cancel(): void {
		void this.worker.terminate();
	}
}

function startQueue(options: LedgerQueueOptions = {}): WorkerLedgerQueue | null {
	const script = workerScript(new URL('./ledger-queue-worker.ts', import.meta.url));
	if (!script) return null;
	return new WorkerLedgerQueue((workerData) => startWorker(script, { workerData }), options);
}

/** A hashing thread started ahead of its ledger, by prepareLedgerQueue. */
let waiting: WorkerLedgerQueue | null = null;

/**
 * Starts the hashing thread before the record is read (the CLI calls this first), so that its
 * start — about 0.2 s under tsx — overlaps reading and parsing the file instead of delaying the
 * ledger's first entries. The next long ledger takes it.
 */
export function prepareLedgerQueue(): void {
	waiting ??= startQueue();
}

/** Whether a prepared hashing thread is waiting for its ledger. */
export const ledgerQueuePrepared = (): boolean => waiting !== null;

/**
 * A queue for a ledger of `n` entries — the prepared one if there is one — or null when the
 * ledger is short or no worker script exists.
 */
export function workerLedgerQueue(n: number, options: LedgerQueueOptions = {}): LedgerQueue | null {
	if (n < (options.minEntries ?? 50_000)) return null;
	const prepared = waiting;
	waiting = null;
	return prepared ?? startQueue(options);
}
