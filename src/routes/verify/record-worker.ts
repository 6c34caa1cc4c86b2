/// <reference lib="webworker" />
import { verifyRecord } from '$lib/domain/record/verify';
import type { RecordMessage } from './record-check';

// Off the main thread: a record of many thousand ballots takes a while to hash and recount, and
// the page must stay responsive (and announce progress) meanwhile.
self.onmessage = (e: MessageEvent<string>) => {
	let input: unknown;
	try {
		input = JSON.parse(e.data);
	} catch {
		self.postMessage({ kind: 'notJson' } satisfies RecordMessage);
		return;
	}
	const report = verifyRecord(input);
	const rec = input as {
		items?: unknown;
		assembly?: { title?: unknown };
		estate?: { name?: unknown };
	};
	self.postMessage({
		kind: 'report',
		report,
		items: report.result && Array.isArray(rec.items) ? rec.items : [],
		title: typeof rec.assembly?.title === 'string' ? rec.assembly.title : '',
		estate: typeof rec.estate?.name === 'string' ? rec.estate.name : ''
	} satisfies RecordMessage);
};
