import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { formatResetCode, issueOwnerResetCode } from '$lib/server/auth/password-reset';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	return { estate: { id: estate.id, name: estate.name } };
};

const IssueForm = z.object({
	login: z.string().trim().min(1).max(64),
	checked: z.literal('on')
});

export const actions: Actions = {
	default: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const form = Object.fromEntries(await event.request.formData());
		const login = typeof form.login === 'string' ? form.login.slice(0, 64) : '';
		const parsed = IssueForm.safeParse(form);
		if (!parsed.success) return fail(400, { login, error: 'security:reset.checkFirst' });
		const r = await issueOwnerResetCode(event.locals.db, {
			actorId: requireUser(event).id,
			estateId: estate.id,
			login: parsed.data.login
		});
		if (!r.ok) return fail(400, { login, error: `security:${r.code}` });
		return { login: r.login, code: formatResetCode(r.code), expiresAt: r.expiresAt.toISOString() };
	}
};
