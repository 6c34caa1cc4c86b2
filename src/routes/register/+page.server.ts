import { fail, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { registerWithCode } from '$lib/server/registration/register';
import { messageKey } from '$lib/server/registration/messages';
import { readClaim } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ code: url.searchParams.get('code') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const { claim, values, text } = await readClaim(event.request);
		if (!claim)
			return fail(400, { values, error: messageKey('registration.missing'), mismatch: false });
		const r = await registerWithCode(
			event.locals.db,
			{ ...claim, code: text('code') },
			event.getClientAddress()
		);
		if (!r.ok)
			return fail(r.code === 'registration.throttled' ? 429 : 400, {
				values,
				error: messageKey(r.code),
				mismatch: r.code === 'registration.mismatch'
			});
		event.cookies.set(SESSION_COOKIE, r.token, sessionCookieOptions(r.expiresAt));
		redirect(303, r.verified ? '/owner' : '/register/status');
	}
};
