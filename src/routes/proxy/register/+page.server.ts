import { fail } from '@sveltejs/kit';
import { claimNamedProxy } from '$lib/server/proxy/named';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ code: url.searchParams.get('code') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const text = (k: string) => String(form.get(k) ?? '');
		const values = { code: text('code'), phone: text('phone'), login: text('login') };
		const r = await claimNamedProxy(event.locals.db, {
			...values,
			password: text('password'),
			ip: event.getClientAddress()
		});
		if (!r.ok) return fail(r.code === 'claim.throttled' ? 429 : 400, { values, error: r.code });
		return { done: true, login: values.login.trim().toLowerCase() };
	}
};
