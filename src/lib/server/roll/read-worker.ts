/**
 * The worker thread that reads a roll file (unzip, XML or CSV parsing), so a large upload never
 * holds the request thread. Bundled to build/roll-worker.js for production.
 */
import { parentPort } from 'node:worker_threads';
import { packedBuffers, packRollFile } from './packed-rows';
import { readRollFile } from './read-file';

/** One file per message; the worker is kept for the next file when it answers. */
parentPort?.on('message', (msg: { bytes: Uint8Array; filename: string }) => {
	readRollFile(msg.bytes, msg.filename).then(
		(result) => {
			if ('error' in result) return parentPort?.postMessage({ result });
			const packed = packRollFile(result);
			parentPort?.postMessage({ result: packed }, packedBuffers(packed.packed));
		},
		() => parentPort?.postMessage({ failed: true })
	);
});
