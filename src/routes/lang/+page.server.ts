import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { secureCookies } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/auth/redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const lang = form.get('lang');
		if (isLocale(lang)) {
			cookies.set('lang', lang, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 365 * 86400,
				secure: secureCookies()
			});
		}
		redirect(303, safeNext(String(form.get('next') ?? '/')) ?? '/');
	}
};
