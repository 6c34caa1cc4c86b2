import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { readDocument } from '$lib/server/assemblies/documents';
import { assemblyDetail, mayRead } from '$lib/server/assemblies/queries';
import type { RequestHandler } from './$types';

/** An assembly's attachment, for staff and oversight of its estate and owners once announced. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const { assemblyId, documentId } = event.params;
	const d = await assemblyDetail(event.locals.db, assemblyId);
	if (!d || !mayRead(user, d.assembly, d.estate.path)) error(404, { message: 'not_found' });
	const doc = await readDocument(event.locals.db, assemblyId, documentId);
	if (!doc) error(404, { message: 'not_found' });
	return new Response(new Uint8Array(doc.bytes), {
		headers: {
			'content-type': doc.document.contentType,
			'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.document.filename)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
