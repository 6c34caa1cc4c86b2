import type { Item, VerifyReport } from '$lib/domain/record/types';

export type RecordMessage =
	| { kind: 'notJson' }
	| { kind: 'report'; report: VerifyReport; items: Item[]; title: string; estate: string };

/** Runs the same verifier as `npm run verify` on the file's text, in a worker. */
export function checkRecordText(text: string): Promise<RecordMessage> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./record-worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<RecordMessage>) => {
			resolve(e.data);
			worker.terminate();
		};
		worker.onerror = (e) => {
			reject(new Error(e.message));
			worker.terminate();
		};
		worker.postMessage(text);
	});
}
