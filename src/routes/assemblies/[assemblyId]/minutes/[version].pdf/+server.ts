import { error } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { mayDownloadMinutes } from '$lib/server/minutes/access';
import { minutesResponse } from '$lib/server/minutes/response';
import { getMinutes } from '$lib/server/minutes/store';
import type { RequestHandler } from './$types';

/** One kept version, e.g. /assemblies/a1/minutes/1.pdf (?lang=en for the English file if made). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!(await mayDownloadMinutes(locals.db, locals.user, params.assemblyId)))
		error(404, { message: 'not_found' });
	const version = /^[1-9][0-9]{0,5}$/.test(params.version) ? Number(params.version) : null;
	const lang = url.searchParams.get('lang') ?? 'zh';
	if (version === null || !isLocale(lang)) error(404, { message: 'not_found' });
	const row = await getMinutes(locals.db, params.assemblyId, version, lang);
	if (!row) error(404, { message: 'not_found' });
	return minutesResponse(row);
};
