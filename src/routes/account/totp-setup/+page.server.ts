import { fail, redirect } from '@sveltejs/kit';
import { requirePartialUser } from '$lib/server/auth/guard';
import { homePath, safeNext } from '$lib/server/auth/home';
import { passSecondFactor, pendingTotpSetup } from '$lib/server/auth/totp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePartialUser(event);
	const setup = await pendingTotpSetup(event.locals.db, user.id);
	// Already confirmed: the code page (or home) is where this account belongs.
	if (!setup)
		redirect(303, user.needsSecondFactor ? `/login/totp${event.url.search}` : homePath(user));
	return { secret: setup.secret, svg: setup.svg };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requirePartialUser(event);
		const code = String((await event.request.formData()).get('code') ?? '');
		const r = await passSecondFactor(event.locals.db, {
			accountId: user.id,
			sessionId: event.locals.sessionId!,
			code,
			ip: event.getClientAddress(),
			confirm: true
		});
		if (!r.ok) return fail(r.code === 'totp.throttled' ? 429 : 400, { error: `auth:${r.code}` });
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homePath(user));
	}
};
