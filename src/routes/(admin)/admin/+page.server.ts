import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { listAccounts } from '$lib/server/accounts';
import { adminCreateAccount, adminCreatePlace } from '$lib/server/admin';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { placesUnder } from '$lib/server/places';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const grants = requireAnyGrant(event, 'admin');
	const db = event.locals.db;
	const places = (await Promise.all(grants.map((g) => placesUnder(db, g.placePath)))).flat();
	const accounts = await listAccounts(db);
	return {
		places: places.map((p) => ({
			id: p.id,
			kind: p.kind,
			name: p.name,
			depth: p.path.split('/').length - 3
		})),
		accounts
	};
};

const PlaceForm = z.object({
	kind: z.enum(['district', 'street', 'community', 'estate']),
	name: z.string().trim().min(1).max(100),
	parentId: z.string().optional()
});
const AccountForm = z.object({
	login: z.string().trim().min(1),
	displayName: z.string().trim().min(1).max(100),
	password: z.string().min(1),
	role: z.enum(['admin', 'staff', 'oversight']),
	placeId: z.string().min(1)
});

export const actions: Actions = {
	createPlace: async (event) => {
		requireAnyGrant(event, 'admin');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = PlaceForm.safeParse(form);
		if (!parsed.success) return fail(400, { place: { error: 'place.nameEmpty', values: form } });
		const r = await adminCreatePlace(event.locals.db, requireUser(event).id, parsed.data);
		if (!r.ok) return fail(400, { place: { error: r.code, values: form } });
		return { place: { created: r.place.name } };
	},
	createAccount: async (event) => {
		requireAnyGrant(event, 'admin');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = AccountForm.safeParse(form);
		const { password: _p, ...values } = form;
		if (!parsed.success) return fail(400, { account: { error: 'account.incomplete', values } });
		const r = await adminCreateAccount(event.locals.db, requireUser(event).id, parsed.data);
		if (!r.ok) return fail(400, { account: { error: r.code, values } });
		return { account: { created: parsed.data.login } };
	}
};
