import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { homePath } from '$lib/server/auth/home';
import { beijingTime } from '$lib/time';
import { PENDING_REQUEST_TTL_MS } from '$lib/server/registration/expiry';
import { myRequest } from '$lib/server/registration/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	// Once approved (or for any other role) the account has a home of its own.
	if (user.grants.length) redirect(303, homePath(user));
	const r = await myRequest(event.locals.db, user.id);
	// Beijing time on the server, so the page does not depend on the phone's or server's zone.
	return {
		request: r && { ...r, submittedAt: beijingTime(r.createdAt, event.locals.locale) },
		ttlDays: PENDING_REQUEST_TTL_MS / 86_400_000
	};
};
