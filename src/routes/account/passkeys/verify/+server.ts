import { json } from '@sveltejs/kit';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guard';
import { finishRegistration } from '$lib/server/passkeys/ceremony';
import { readJson } from '$lib/server/passkeys/json';
import type { RequestHandler } from './$types';

const Body = z.object({
	challengeId: z.string().min(1).max(64),
	response: z.looseObject({ id: z.string().min(1).max(1024), type: z.literal('public-key') }),
	label: z.string().trim().min(1).max(60)
});

export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const body = await readJson(event, Body);
	const r = await finishRegistration(event.locals.db, user.id, {
		challengeId: body.challengeId,
		response: body.response as unknown as RegistrationResponseJSON,
		label: body.label
	});
	if (!r.ok) return json({ error: `passkey:${r.code}` }, { status: 400 });
	return json({ ok: true });
};
