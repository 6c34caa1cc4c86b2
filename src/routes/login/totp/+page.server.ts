import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requirePartialUser } from '$lib/server/auth/guard';
import { homePath, safeNext } from '$lib/server/auth/home';
import { totpAction } from '$lib/server/auth/totp-action';
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

export const actions: Actions = { default: totpAction(false) };
