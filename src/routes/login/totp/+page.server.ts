import { redirect } from '@sveltejs/kit';
import { requirePartialUser } from '$lib/server/auth/guard';
import { homePath, safeNext } from '$lib/server/auth/home';
import { hasConfirmedTotp } from '$lib/server/auth/totp';
import { totpAction } from '$lib/server/auth/totp-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePartialUser(event);
	const next = safeNext(event.url.searchParams.get('next'));
	if (!user.needsSecondFactor) redirect(303, next ?? homePath(user));
	if (!(await hasConfirmedTotp(event.locals.db, user.id)))
		redirect(303, `/account/totp-setup${event.url.search}`);
	return {};
};

export const actions: Actions = { default: totpAction(false) };
