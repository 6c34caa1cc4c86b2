import { error } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { objectionAttachment } from '$lib/server/announcement/objections';
import { readUpload } from '$lib/server/registration/uploads';
import type { RequestHandler } from './$types';

/** An objection's attachment: for the owner who filed it, the estate's staff and oversight. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const o = await objectionAttachment(
		event.locals.db,
		event.params.assemblyId,
		event.params.objectionId
	);
	if (!o?.attachmentPath || !o.attachmentType) error(404, { message: 'not_found' });
	if (o.filedBy !== user.id) await requireRole(event, o.estateId, 'staff', 'oversight');
	const ext = o.attachmentType === 'application/pdf' ? 'pdf' : o.attachmentType.split('/')[1];
	return new Response(new Uint8Array(await readUpload(o.attachmentPath)), {
		headers: {
			'content-type': o.attachmentType,
			'content-disposition': `inline; filename="objection-${o.id}.${ext}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
