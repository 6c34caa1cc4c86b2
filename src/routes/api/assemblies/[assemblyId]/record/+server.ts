import { error } from '@sveltejs/kit';
import { exportRecord } from '$lib/server/ledger/record';
import { isEstateOfficial, publicAssembly, recordAvailable } from '$lib/server/live/ledger-view';
import type { RequestHandler } from './$types';

/**
 * The assembly record (gongyi-record/1: random ids, committed unit labels) as a download: for everyone once
 * published, for the estate's staff and oversight from closing on.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const official = await isEstateOfficial(locals.db, locals.user, a.estateId);
	if (!recordAvailable(a, official)) error(403, { message: 'forbidden' });
	// ?full=1: the labels' openings beside the hashed roll, for the estate's staff and oversight only.
	const full = url.searchParams.get('full') === '1';
	if (full && !official) error(403, { message: 'forbidden' });
	const record = await exportRecord(locals.db, a.id, { full });
	if (!record) error(404, { message: 'not_found' });
	return new Response(JSON.stringify(record), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${a.id}-record${full ? '-full' : ''}.json"`,
			'cache-control': 'no-store'
		}
	});
};
