import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { certificateOf } from '$lib/server/registration/queries';
import { readUpload } from '$lib/server/registration/uploads';
import type { RequestHandler } from './$types';

/** The certificate photo of a request, for the estate's staff only; never cached or sniffed. */
export const GET: RequestHandler = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const cert = await certificateOf(event.locals.db, estate.id, event.params.requestId);
	if (!cert) error(404, { message: 'not_found' });
	const bytes = await readUpload(cert.file);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': cert.type,
			'content-disposition': `inline; filename="certificate-${event.params.requestId}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
