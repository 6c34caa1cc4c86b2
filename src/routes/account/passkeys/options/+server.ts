import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guard';
import { beginRegistration } from '$lib/server/passkeys/ceremony';
import { readJson } from '$lib/server/passkeys/json';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	await readJson(event, z.object({}));
	return json(await beginRegistration(event.locals.db, user));
};
