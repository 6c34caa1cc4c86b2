import { error, json } from '@sveltejs/kit';
import { screenState } from '$lib/server/meeting/screen';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const state = await screenState(event.locals.db, event.params.token);
	if (!state) error(404, { message: 'not_found' });
	return json(state, { headers: { 'cache-control': 'no-store' } });
};
