/**
 * The worker thread that reads a roll file (unzip, XML or CSV parsing), so a large upload never
 * holds the request thread. Bundled to build/roll-worker.js for production.
 */
import { parentPort } from 'node:worker_threads';
import { readRollFile } from './read-file';

parentPort?.on('message', (msg: { bytes: Uint8Array; filename: string }) => {
	readRollFile(msg.bytes, msg.filename).then(
		(result) => parentPort?.postMessage({ result }),
		() => parentPort?.postMessage({ failed: true })
	);
});
