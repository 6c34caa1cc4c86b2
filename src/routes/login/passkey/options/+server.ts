import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { beginLogin } from '$lib/server/passkeys/ceremony';
import { readJson } from '$lib/server/passkeys/json';
import type { RequestHandler } from './$types';

/** Public: anyone may ask for a login challenge (it is single-use and expires in minutes). */
export const POST: RequestHandler = async (event) => {
	await readJson(event, z.object({}));
	return json(await beginLogin(event.locals.db));
};
