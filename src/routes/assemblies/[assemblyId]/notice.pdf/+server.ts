import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { renderNotice } from '$lib/server/assemblies/notice';
import { assemblyDetail, mayRead } from '$lib/server/assemblies/queries';
import type { RequestHandler } from './$types';

/** The printable notice (公告): staff and oversight any time (a draft is marked), owners once announced. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const d = await assemblyDetail(event.locals.db, event.params.assemblyId);
	if (!d || !mayRead(user, d.assembly, d.estate.path)) error(404, { message: 'not_found' });
	const pdf = await renderNotice(d, event.url.origin);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="notice-${d.assembly.id}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
