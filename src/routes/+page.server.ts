import { redirect } from '@sveltejs/kit';
import { homePath } from '$lib/server/auth/home';
import { publicResults } from '$lib/server/public-results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, homePath(locals.user));
	return { results: await publicResults(locals.db) };
};
