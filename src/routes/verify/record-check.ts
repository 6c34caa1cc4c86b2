import type { Item, Signature, VerifyReport } from '$lib/domain/record/types';

export type RecordMessage =
	| { kind: 'notJson' }
	| {
			kind: 'report';
			report: VerifyReport;
			items: Item[];
			title: string;
			estate: string;
			assemblyId: string;
			street: string;
			/** The file's signatures over the head, checked on the page against the recount's head. */
			signatures: Signature[];
	  };

/** The signatures this platform publishes for the assembly, or null when it publishes none. */
export async function publishedSignatures(assemblyId: string): Promise<Signature[] | null> {
	try {
		const res = await fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/minutes`);
		if (!res.ok) return null;
		const body = (await res.json()) as { signatures?: Signature[] };
		return Array.isArray(body.signatures) ? body.signatures : null;
	} catch {
		return null;
	}
}

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
