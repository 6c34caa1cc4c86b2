import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requirePartialUser } from '$lib/server/auth/guard';
import { homePath, safeNext } from '$lib/server/auth/home';
import { passSecondFactor } from '$lib/server/auth/totp';
import { account } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePartialUser(event);
	const next = safeNext(event.url.searchParams.get('next'));
	if (!user.needsSecondFactor) redirect(303, next ?? homePath(user));
	const [acc] = await event.locals.db
		.select({ confirmed: account.totpConfirmedAt })
		.from(account)
		.where(eq(account.id, user.id));
	if (!acc?.confirmed) redirect(303, `/account/totp-setup${event.url.search}`);
	return {};
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
			confirm: false
		});
		if (!r.ok) return fail(r.code === 'totp.throttled' ? 429 : 400, { error: `auth:${r.code}` });
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? homePath(user));
	}
};
