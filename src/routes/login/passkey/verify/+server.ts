import { json } from '@sveltejs/kit';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { safeNext } from '$lib/server/auth/home';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { finishLogin } from '$lib/server/passkeys/ceremony';
import { readJson } from '$lib/server/passkeys/json';
import type { RequestHandler } from './$types';

const Body = z.object({
	challengeId: z.string().min(1).max(64),
	// The library checks the assertion's structure; here only its id is needed up front.
	response: z.looseObject({ id: z.string().min(1).max(1024), type: z.literal('public-key') }),
	next: z.string().max(2000).nullable()
});

/** Like the password form: a session cookie, then "/" (or next) which leads home or to TOTP. */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, Body);
	const r = await finishLogin(event.locals.db, {
		challengeId: body.challengeId,
		response: body.response as unknown as AuthenticationResponseJSON,
		ip: event.getClientAddress()
	});
	if (!r.ok)
		return json(
			{ error: `passkey:${r.code}` },
			{ status: r.code === 'passkey.throttled' ? 429 : 400 }
		);
	event.cookies.set(SESSION_COOKIE, r.token, sessionCookieOptions(r.expiresAt));
	return json({ redirect: safeNext(body.next) ?? '/' });
};
