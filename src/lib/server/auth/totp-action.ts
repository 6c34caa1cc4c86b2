import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requirePartialUser } from './guard';
import { homePath, safeNext } from './home';
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
		if (!r.ok) return fail(r.code === 'totp.throttled' ? 429 : 400, { error: `auth:${r.code}` });
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homePath(user));
	};
}
