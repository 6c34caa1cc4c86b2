import { error } from '@sveltejs/kit';
import { screenState } from '$lib/server/meeting/screen';
import type { PageServerLoad } from './$types';

/** No login: the token is the link staff share; the state carries nothing personal. */
export const load: PageServerLoad = async (event) => {
	const state = await screenState(event.locals.db, event.params.token);
	if (!state) error(404, { message: 'not_found' });
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return { state, token: event.params.token };
};
