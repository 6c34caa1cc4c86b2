import { redirect } from '@sveltejs/kit';
import { requirePartialUser } from '$lib/server/auth/guard';
import { homePath } from '$lib/server/auth/home';
import { pendingTotpSetup } from '$lib/server/auth/totp';
import { totpAction } from '$lib/server/auth/totp-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePartialUser(event);
	const setup = await pendingTotpSetup(event.locals.db, user.id);
	// Already confirmed: the code page (or home) is where this account belongs.
	if (!setup)
		redirect(303, user.needsSecondFactor ? `/login/totp${event.url.search}` : homePath(user));
	return { secret: setup.secret, svg: setup.svg };
};

export const actions: Actions = { default: totpAction(true) };
