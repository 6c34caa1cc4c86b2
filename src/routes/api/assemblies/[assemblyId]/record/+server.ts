import { error } from '@sveltejs/kit';
import { exportRecord } from '$lib/server/ledger/record';
import { isEstateOfficial, publicAssembly, recordAvailable } from '$lib/server/live/ledger-view';
import type { RequestHandler } from './$types';

/**
 * The assembly record (gongyi-record/1, pseudonymous ids only) as a download: for everyone once
 * published, for the estate's staff and oversight from closing on.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const official = await isEstateOfficial(locals.db, locals.user, a.estateId);
	if (!recordAvailable(a, official)) error(403, { message: 'forbidden' });
	const record = await exportRecord(locals.db, a.id);
	if (!record) error(404, { message: 'not_found' });
	return new Response(JSON.stringify(record), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${a.id}-record.json"`,
			'cache-control': 'no-store'
		}
	});
};
