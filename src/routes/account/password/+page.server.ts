import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { changePassword } from '$lib/server/accounts';
import { requireUser } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	return {};
};

const ChangeForm = z.object({
	current: z.string().min(1).max(200),
	password: z.string().min(1).max(200),
	confirm: z.string().max(200)
});

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = ChangeForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'security:reset.missing' });
		if (parsed.data.password !== parsed.data.confirm)
			return fail(400, { error: 'security:reset.mismatch' });
		const r = await changePassword(
			event.locals.db,
			user.id,
			parsed.data.current,
			parsed.data.password
		);
		if (!r.ok)
			return fail(400, { error: r.code === 'password.wrong' ? 'security:password.wrong' : r.code });
		// Every session ended, this one too: log in again with the new password.
		redirect(303, '/login?changed=1');
	}
};
