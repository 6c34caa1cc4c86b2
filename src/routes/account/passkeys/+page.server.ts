import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { homePath } from '$lib/server/auth/home';
import { listPasskeys, removePasskey } from '$lib/server/passkeys/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const keys = await listPasskeys(event.locals.db, user.id);
	return {
		home: homePath(user),
		passkeys: keys.map((k) => ({
			id: k.id,
			label: k.label,
			createdAt: k.createdAt.toISOString(),
			lastUsedAt: k.lastUsedAt?.toISOString() ?? null
		}))
	};
};

export const actions: Actions = {
	remove: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const r = await removePasskey(event.locals.db, user.id, id);
		if (!r.ok) return fail(404, { error: `passkey:${r.code}` });
		return { removed: true };
	}
};
