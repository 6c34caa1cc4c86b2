import { error } from '@sveltejs/kit';
import { proxyDocument } from '$lib/server/proxy/queries';
import { readUpload } from '$lib/server/registration/uploads';
import { paperScope } from '../../../paper/scope';
import type { RequestHandler } from './$types';

/** The uploaded written authorisation, for staff of the estate only. */
export const GET: RequestHandler = async (event) => {
	const { db, assembly } = await paperScope(event);
	const row = await proxyDocument(db, assembly.id, event.params.id);
	if (!row) error(404, { message: 'not_found' });
	return new Response(new Uint8Array(await readUpload(row.documentPath)), {
		headers: {
			'content-type': row.documentType,
			'content-disposition': 'inline',
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
