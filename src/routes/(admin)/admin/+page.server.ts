import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	adminChangeAccount,
	adminCreateAccount,
	adminCreatePlace,
	listScopedAccounts,
	type AccountChange
} from '$lib/server/admin';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { adminIssueResetCode, formatResetCode } from '$lib/server/auth/password-reset';
import { placesUnder } from '$lib/server/places';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const grants = requireAnyGrant(event, 'admin');
	const db = event.locals.db;
	const seen = new Set<string>();
	const places = (await Promise.all(grants.map((g) => placesUnder(db, g.placePath))))
		.flat()
		.filter((p) => !seen.has(p.id) && seen.add(p.id));
	return {
		places: places.map((p) => ({
			id: p.id,
			kind: p.kind,
			name: p.name,
			depth: Math.max(0, p.path.split('/').length - 3)
		})),
		accounts: await listScopedAccounts(db, requireUser(event).id)
	};
};

const PlaceForm = z.object({
	kind: z.enum(['district', 'street', 'community', 'estate']),
	name: z.string().trim().min(1).max(100),
	parentId: z.string().max(100).optional()
});
const AccountForm = z.object({
	login: z.string().trim().min(1).max(64),
	displayName: z.string().trim().min(1).max(100),
	password: z.string().min(1).max(200),
	role: z.enum(['admin', 'staff', 'oversight']),
	placeId: z.string().min(1).max(100)
});
const ManageForm = z.object({
	accountId: z.string().min(1).max(100),
	displayName: z.string().max(200).optional()
});

/** Codes of the scope checks have their messages in the security namespace. */
const msg = (code: string) => (/^(admin|reset)\./.test(code) ? `security:${code}` : code);

/** The four account changes share one shape: parse, check, change, report. */
function change(kind: AccountChange['kind']) {
	return async (event: RequestEvent) => {
		requireAnyGrant(event, 'admin');
		const parsed = ManageForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { manage: { error: 'account.incomplete' } });
		const { accountId, displayName = '' } = parsed.data;
		const c: AccountChange =
			kind === 'rename' ? { kind, displayName } : ({ kind } as AccountChange);
		const r = await adminChangeAccount(event.locals.db, requireUser(event).id, accountId, c);
		if (!r.ok)
			return fail(r.code === 'admin.outOfScope' ? 404 : 400, {
				manage: { accountId, error: msg(r.code) }
			});
		return { manage: { accountId, done: kind } };
	};
}

export const actions: Actions = {
	createPlace: async (event) => {
		requireAnyGrant(event, 'admin');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = PlaceForm.safeParse(form);
		if (!parsed.success) return fail(400, { place: { error: 'place.nameEmpty', values: form } });
		const r = await adminCreatePlace(event.locals.db, requireUser(event).id, parsed.data);
		if (!r.ok) return fail(400, { place: { error: msg(r.code), values: form } });
		return { place: { created: r.place.name } };
	},
	createAccount: async (event) => {
		requireAnyGrant(event, 'admin');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = AccountForm.safeParse(form);
		const { password: _p, ...values } = form;
		if (!parsed.success) return fail(400, { account: { error: 'account.incomplete', values } });
		const r = await adminCreateAccount(event.locals.db, requireUser(event).id, parsed.data);
		if (!r.ok) return fail(400, { account: { error: msg(r.code), values } });
		return { account: { created: parsed.data.login } };
	},
	rename: change('rename'),
	disable: change('disable'),
	enable: change('enable'),
	resetTotp: change('resetTotp'),
	issueReset: async (event) => {
		requireAnyGrant(event, 'admin');
		const parsed = ManageForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { manage: { error: 'account.incomplete' } });
		const { accountId } = parsed.data;
		const r = await adminIssueResetCode(event.locals.db, requireUser(event).id, accountId);
		if (!r.ok)
			return fail(r.code === 'admin.outOfScope' ? 404 : 400, {
				manage: { accountId, error: msg(r.code) }
			});
		return {
			manage: {
				accountId,
				done: 'issueReset',
				code: formatResetCode(r.code),
				expiresAt: r.expiresAt.toISOString()
			}
		};
	}
};
