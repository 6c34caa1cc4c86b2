import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requirePartialUser } from './guard';
import { homePath, safeNext } from './home';
import { sessionCookieOptions } from './cookie';
import { SESSION_COOKIE } from './session';
import { passSecondFactor } from './totp';

/**
 * The form action of both TOTP pages: check the code (confirming a new secret on the setup page),
 * mark the session, then continue to where the user was going.
 */
export function totpAction(confirm: boolean) {
	return async (event: RequestEvent) => {
		const user = requirePartialUser(event);
		const code = String((await event.request.formData()).get('code') ?? '');
		const r = await passSecondFactor(event.locals.db, {
			accountId: user.id,
			sessionId: event.locals.sessionId!,
			code,
			ip: event.getClientAddress(),
			confirm
		});
		if (!r.ok) {
			const throttled = r.code === 'totp.throttled';
			return fail(throttled ? 429 : 400, {
				error: throttled ? 'auth:totp.throttledWait' : `auth:${r.code}`,
				minutes: throttled ? r.minutes : undefined
			});
		}
		// The session got a new token as the second factor passed.
		event.cookies.set(SESSION_COOKIE, r.token, sessionCookieOptions(r.expiresAt));
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homePath(user));
	};
}
