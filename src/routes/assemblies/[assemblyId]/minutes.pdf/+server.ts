import { error } from '@sveltejs/kit';
import { mayDownloadMinutes } from '$lib/server/minutes/access';
import { ensureMinutes } from '$lib/server/minutes/store';
import { minutesResponse } from '$lib/server/minutes/response';
import type { RequestHandler } from './$types';

/** The latest signed minutes in the UI language (staff and oversight once counted, owners once published). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!(await mayDownloadMinutes(locals.db, locals.user, params.assemblyId)))
		error(404, { message: 'not_found' });
	const r = await ensureMinutes(
		locals.db,
		params.assemblyId,
		locals.user?.id ?? null,
		locals.locale
	);
	if (!r.ok) error(404, { message: 'not_found' });
	return minutesResponse(r.row);
};
