import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { redeemResetCode } from '$lib/server/auth/password-reset';
import type { Actions } from './$types';

const ResetForm = z.object({
	login: z.string().trim().min(1).max(64),
	code: z.string().trim().min(1).max(40),
	password: z.string().min(1).max(200),
	confirm: z.string().max(200)
});

const msg = (code: string) => (code.startsWith('reset.') ? `security:${code}` : code);

export const actions: Actions = {
	default: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const login = typeof form.login === 'string' ? form.login.slice(0, 64) : '';
		const parsed = ResetForm.safeParse(form);
		if (!parsed.success) return fail(400, { login, error: 'security:reset.missing' });
		if (parsed.data.password !== parsed.data.confirm)
			return fail(400, { login, error: 'security:reset.mismatch' });
		const r = await redeemResetCode(event.locals.db, {
			...parsed.data,
			ip: event.getClientAddress()
		});
		if (!r.ok) return fail(r.code === 'reset.throttled' ? 429 : 400, { login, error: msg(r.code) });
		return { done: true };
	}
};
