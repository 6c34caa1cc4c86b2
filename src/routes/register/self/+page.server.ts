import { fail, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { messageKey } from '$lib/server/registration/messages';
import { estateForRegistration, registerSelf, searchEstates } from '$lib/server/registration/self';
import { readClaim } from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 50);
	const estateId = url.searchParams.get('estate');
	const estate = estateId ? await estateForRegistration(locals.db, estateId) : null;
	return { q, estate, estates: !estate && q ? await searchEstates(locals.db, q) : null };
};

export const actions: Actions = {
	default: async (event) => {
		const { claim, values, text } = await readClaim(event.request);
		if (!claim) return fail(400, { values, error: messageKey('registration.missing') });
		const r = await registerSelf(
			event.locals.db,
			{
				...claim,
				estateId: event.url.searchParams.get('estate') ?? '',
				buildingId: text('buildingId'),
				unitLabel: text('unitLabel')
			},
			event.getClientAddress()
		);
		if (!r.ok)
			return fail(
				r.code === 'registration.throttled' || r.code === 'registration.dailyCap' ? 429 : 400,
				{
					values,
					error: messageKey(r.code)
				}
			);
		event.cookies.set(SESSION_COOKIE, r.token, sessionCookieOptions(r.expiresAt));
		redirect(303, '/register/status');
	}
};
