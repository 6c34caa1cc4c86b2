/// <reference lib="webworker" />
import { verifyRecord } from '$lib/domain/record/verify';
import type { Signature } from '$lib/domain/record/types';
import type { RecordMessage } from './record-check';

const str = (x: unknown) => (typeof x === 'string' ? x : '');

/** The file's signatures by a known signer (the verifier reports malformed ones as errors). */
function signaturesOf(x: unknown): Signature[] {
	if (!Array.isArray(x)) return [];
	return x.filter(
		(s): s is Signature =>
			!!s && typeof s === 'object' && (s.by === 'platform' || s.by === 'street')
	);
}

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
		assembly?: { id?: unknown; title?: unknown };
		estate?: { name?: unknown; street?: unknown };
		signatures?: unknown;
	};
	self.postMessage({
		kind: 'report',
		report,
		items: report.result && Array.isArray(rec.items) ? rec.items : [],
		title: str(rec.assembly?.title),
		estate: str(rec.estate?.name),
		assemblyId: str(rec.assembly?.id),
		street: str(rec.estate?.street),
		signatures: signaturesOf(rec.signatures)
	} satisfies RecordMessage);
};
