import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import {
	cachedRecord,
	chunked,
	enterAnonymous,
	matchesEtag,
	RETRY_AFTER_S
} from '$lib/server/ledger/heavy';
import { isEstateOfficial, publicAssembly, recordAvailable } from '$lib/server/live/ledger-view';
import type { RequestHandler } from './$types';

/**
 * The assembly record (gongyi-record/1: random ids, committed unit labels) as a download: for
 * everyone once published, for the estate's staff and oversight from closing on. Built once per
 * ledger head (see heavy.ts), answered 304 to a matching If-None-Match, streamed in chunks;
 * anonymous downloads beyond a few at once are asked to retry.
 */
export const GET: RequestHandler = async ({ locals, params, url, request }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const official = await isEstateOfficial(locals.db, locals.user, a.estateId);
	if (!recordAvailable(a, official)) error(403, { message: 'forbidden' });
	// ?full=1: the labels' openings beside the hashed roll, for the estate's staff and oversight only.
	const full = url.searchParams.get('full') === '1';
	if (full && !official) error(403, { message: 'forbidden' });
	const leave = locals.user ? () => {} : enterAnonymous();
	if (!leave)
		return new Response(translator(locals.locale)('security:limits.busy'), {
			status: 429,
			headers: {
				'retry-after': String(RETRY_AFTER_S),
				'content-type': 'text/plain; charset=utf-8'
			}
		});
	let streaming = false;
	try {
		const record = await cachedRecord(locals.db, a, full);
		if (!record) error(404, { message: 'not_found' });
		const headers = {
			etag: record.etag,
			// Revalidated on each use: the ETag answers 304 while the record is unchanged.
			'cache-control': full ? 'private, no-cache' : 'public, no-cache'
		};
		if (matchesEtag(request.headers.get('if-none-match'), record.etag))
			return new Response(null, { status: 304, headers });
		streaming = true;
		return new Response(chunked(record.bytes, leave), {
			headers: {
				...headers,
				'content-type': 'application/json; charset=utf-8',
				'content-length': String(record.bytes.length),
				'content-disposition': `attachment; filename="${a.id}-record${full ? '-full' : ''}.json"`
			}
		});
	} finally {
		if (!streaming) leave();
	}
};
