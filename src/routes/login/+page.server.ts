import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { logIn } from '$lib/server/auth/login';
import { safeNext } from '$lib/server/auth/redirect';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

const LoginForm = z.object({
	login: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(200)
});

const nextPath = (next: string | null) => safeNext(next) ?? '/';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const parsed = LoginForm.safeParse(form);
		const login = typeof form.login === 'string' ? form.login : '';
		if (!parsed.success) return fail(400, { login, error: 'login.missing' });
		const result = await logIn(
			event.locals.db,
			parsed.data.login,
			parsed.data.password,
			event.getClientAddress()
		);
		if (!result.ok && result.code === 'login.throttled')
			return fail(429, { login, error: 'login.throttledWait', minutes: result.minutes });
		if (!result.ok) return fail(400, { login, error: result.code });
		event.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(result.expiresAt));
		redirect(303, nextPath(event.url.searchParams.get('next')));
	}
};
