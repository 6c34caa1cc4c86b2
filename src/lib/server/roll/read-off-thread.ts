import type { Worker } from 'node:worker_threads';
import type { RollProblem } from '../../domain/roll';
import { readRollFile, type ReadRollResult } from './read-file';
import { unpackRollFile, type PackedRollFile } from './packed-rows';
import { scriptKey, startWorker, workerScript, type WorkerScript } from '../worker-script';

/** Files up to this size are read in place (a few milliseconds); larger ones in a worker. */
export const IN_THREAD_BYTES = 64 * 1024;
/** At most this many files are read at once (the machine may have two cores); others wait. */
const MAX_WORKERS = 2;
const TIME_LIMIT_MS = 60_000;
const MEMORY_LIMIT_MB = 768;

const stats = { inThread: 0, worker: 0, refusedByLimits: 0, warm: 0 };
/**
 * Files read in place and in workers (`warm`: by the waiting worker, which has read a file
 * before), and how many hit a worker limit.
 */
export function rollReadStats(): Readonly<typeof stats> {
	return { ...stats };
}

/** The bundled build/roll-worker.js in production (server.ts names it), else the TypeScript source. */
const rollWorkerScript = () =>
	workerScript(new URL('./read-worker.ts', import.meta.url), 'GONGYI_ROLL_WORKER');

let running = 0;
const queue: (() => void)[] = [];
async function slot(): Promise<() => void> {
	if (running >= MAX_WORKERS) await new Promise<void>((r) => queue.push(r));
	running++;
	return () => {
		running--;
		queue.shift()?.();
	};
}

const limitProblem = (): { error: RollProblem } => ({
	error: { line: null, column: null, code: 'file.parseLimit', params: {} }
});

function startRollWorker(script: WorkerScript, memoryMb: number): Worker {
	return startWorker(script, {
		resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 }
	});
}

/** A waiting worker nobody took is ended after this long: imports come in bursts. */
const SPARE_IDLE_MS = 10 * 60_000;

/**
 * A worker that read its file and answered waits for the next file, so that file waits neither for
 * a worker to start (about 0.3 s with the bundled script, more under tsx) nor for its code to be
 * compiled again (a cold worker read a 50,000-unit CSV in twice the time of a warm one). One that
 * hit a limit or failed is ended. The waiting worker does not keep the process alive and ends
 * after SPARE_IDLE_MS unused.
 */
let spare: {
	worker: Worker;
	key: string;
	memoryMb: number;
	alive: boolean;
	release(): void;
} | null = null;

function keepWaiting(worker: Worker, script: WorkerScript, memoryMb: number): void {
	worker.unref();
	const gone = () => {
		entry.alive = false;
		if (spare === entry) spare = null;
	};
	const idle = setTimeout(() => {
		if (spare === entry) stopSpareWorker();
	}, SPARE_IDLE_MS);
	idle.unref();
	const entry = {
		worker,
		key: scriptKey(script),
		memoryMb,
		alive: true,
		release() {
			clearTimeout(idle);
			worker.off('error', gone);
			worker.off('exit', gone);
		}
	};
	worker.once('error', gone);
	worker.once('exit', gone);
	// Two reads at once: the one that answered last waits.
	stopSpareWorker();
	spare = entry;
}

/** The waiting worker if it was started alike, else a new one. */
function takeWorker(script: WorkerScript, memoryMb: number): Worker {
	const s = spare;
	spare = null;
	s?.release();
	if (s?.alive && s.memoryMb === memoryMb && s.key === scriptKey(script)) {
		stats.warm++;
		s.worker.ref();
		return s.worker;
	}
	if (s) void s.worker.terminate();
	return startRollWorker(script, memoryMb);
}

/** Ends the waiting worker (tests; an idle one also ends by itself). */
export function stopSpareWorker(): void {
	const s = spare;
	spare = null;
	s?.release();
	void s?.worker.terminate();
}

type Answer = { result?: ReadRollResult | PackedRollFile; failed?: boolean };

function inWorker(
	script: WorkerScript,
	bytes: Uint8Array,
	filename: string,
	memoryMb: number
): Promise<ReadRollResult> {
	return new Promise((resolve) => {
		const worker = takeWorker(script, memoryMb);
		let settled = false;
		const done = (r: ReadRollResult, answered: boolean) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
			if (answered) keepWaiting(worker, script, memoryMb);
			else void worker.terminate();
			resolve(r);
		};
		const timer = setTimeout(() => {
			stats.refusedByLimits++;
			done(limitProblem(), false);
		}, TIME_LIMIT_MS);
		const onMessage = (m: Answer) => {
			if (!m.result) {
				const params = { format: 'XLSX' };
				const unreadable = { line: null, column: null, code: 'file.unreadable' as const, params };
				return done({ error: unreadable }, false);
			}
			done('packed' in m.result ? unpackRollFile(m.result) : m.result, true);
		};
		// Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any crash ends the worker, not the server.
		const onError = () => {
			stats.refusedByLimits++;
			done(limitProblem(), false);
		};
		const onExit = () => {
			if (!settled) stats.refusedByLimits++;
			done(limitProblem(), false);
		};
		worker.once('message', onMessage);
		worker.once('error', onError);
		worker.once('exit', onExit);
		const copy = new Uint8Array(bytes);
		worker.postMessage({ bytes: copy, filename }, [copy.buffer]);
	});
}

/**
 * readRollFile off the request thread for anything but small files, with a memory and a time
 * limit on the worker; the result is the same as reading in place.
 */
export async function readRollFileOffThread(
	bytes: Uint8Array,
	filename: string,
	options: { memoryMb?: number } = {}
): Promise<ReadRollResult> {
	const script = bytes.length > IN_THREAD_BYTES ? rollWorkerScript() : null;
	if (!script) {
		stats.inThread++;
		return readRollFile(bytes, filename);
	}
	const release = await slot();
	try {
		stats.worker++;
		return await inWorker(script, bytes, filename, options.memoryMb ?? MEMORY_LIMIT_MB);
	} finally {
		release();
	}
}
