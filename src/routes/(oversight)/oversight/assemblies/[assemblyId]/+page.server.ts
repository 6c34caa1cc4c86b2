import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { EDITABLE } from '$lib/server/assemblies/access';
import { vetCandidate } from '$lib/server/assemblies/candidates';
import { approveAssembly, returnAssembly } from '$lib/server/assemblies/lifecycle';
import { assemblyDetail } from '$lib/server/assemblies/queries';
import { storedResult } from '$lib/server/ledger/result-view';
import { countersign, countersignView, registerStreetKey } from '$lib/server/ledger/countersign';
import { streetKeyView } from '$lib/server/ledger/witness';
import { refreshMinutes } from '$lib/server/minutes/store';
import { markObjectionRead } from '$lib/server/announcement/objections';
import { checkLedger, orderRecount } from '$lib/server/announcement/recount';
import { announcementView, objectionsView } from '$lib/server/announcement/view';
import { anomalyFlags } from '$lib/server/oversight/flags';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ assemblyId: string }>;

/** Oversight of the assembly's estate (street or community above it), else 404. */
async function scope(event: Event) {
	requireUser(event);
	const d = await assemblyDetail(event.locals.db, event.params.assemblyId);
	if (!d) error(404, { message: 'not_found' });
	await requireRole(event, d.assembly.estateId, 'oversight');
	return d;
}

export const load: PageServerLoad = async (event) => {
	const d = await scope(event);
	return {
		...d,
		canVet: EDITABLE.includes(d.assembly.state),
		canReview: d.assembly.state === 'filed',
		outcome: await storedResult(event.locals.db, d.assembly.id, 'staff'),
		countersign: await countersignView(event.locals.db, d.assembly.id, requireUser(event).grants),
		flags: d.assembly.rollJson ? await anomalyFlags(event.locals.db, d.assembly.id) : [],
		announcement: d.assembly.resultJson
			? await announcementView(event.locals.db, d.assembly.id)
			: null,
		objections: await objectionsView(event.locals.db, {
			assemblyId: d.assembly.id,
			reader: requireUser(event).id
		}),
		streetKey: await streetKeyView(event.locals.db, d.assembly.id, requireUser(event).grants)
	};
};

const Vet = z.object({
	key: z.string().min(1),
	decision: z.enum(['approved', 'rejected']),
	reason: z.string().max(1000).default('')
});

function answer(action: string, r: { ok: true } | { ok: false; code: string }, key?: string) {
	return r.ok
		? { action, key, done: true }
		: fail(400, { action, key, error: `assembly:${r.code}` });
}

export const actions: Actions = {
	vet: async (event) => {
		const d = await scope(event);
		const parsed = Vet.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { action: 'vet', error: 'assembly:assembly.invalid' });
		const r = await vetCandidate(event.locals.db, {
			actorId: requireUser(event).id,
			assemblyId: d.assembly.id,
			...parsed.data
		});
		return answer('vet', r, parsed.data.key);
	},
	approve: async (event) => {
		const d = await scope(event);
		const actorId = requireUser(event).id;
		// Approving announces at once: the form asks the official to confirm first.
		if ((await event.request.formData()).get('confirm') !== 'yes')
			return fail(400, {
				action: 'approve',
				key: undefined,
				error: 'street:approve.confirmNeeded'
			});
		return answer(
			'approve',
			await approveAssembly(event.locals.db, { actorId, assemblyId: d.assembly.id })
		);
	},
	return: async (event) => {
		const d = await scope(event);
		const comment = String((await event.request.formData()).get('comment') ?? '');
		const r = await returnAssembly(event.locals.db, {
			actorId: requireUser(event).id,
			assemblyId: d.assembly.id,
			comment
		});
		return answer('return', r);
	},
	registerKey: async (event) => {
		const d = await scope(event);
		const user = requireUser(event);
		const view = await streetKeyView(event.locals.db, d.assembly.id, user.grants);
		if (!view?.mayAct)
			return fail(403, { action: 'countersign', error: 'assembly:countersign.notAllowed' });
		const publicKey = String((await event.request.formData()).get('publicKey') ?? '');
		const r = await registerStreetKey(event.locals.db, user.id, view.street.id, publicKey);
		return answer('countersign', r);
	},
	markRead: async (event) => {
		const d = await scope(event);
		const id = String((await event.request.formData()).get('objectionId') ?? '');
		const known = (await objectionsView(event.locals.db, { assemblyId: d.assembly.id })).some(
			(o) => o.id === id
		);
		if (!known) return fail(404, { action: 'markRead', error: 'assembly:assembly.notFound' });
		await markObjectionRead(event.locals.db, id, requireUser(event).id);
		return { action: 'markRead', key: id, done: true };
	},
	recount: async (event) => {
		const d = await scope(event);
		const r = await orderRecount(event.locals.db, {
			assemblyId: d.assembly.id,
			actorId: requireUser(event).id
		});
		return r.ok
			? { action: 'recount', done: true }
			: fail(400, { action: 'recount', error: `announcement:error.${r.code}` });
	},
	verify: async (event) => {
		const d = await scope(event);
		const check = await checkLedger(event.locals.db, d.assembly.id);
		if (!check)
			return fail(400, { action: 'verify', error: 'announcement:error.recount.notCounted' });
		return { action: 'verify', done: true, check };
	},
	countersign: async (event) => {
		const d = await scope(event);
		const user = requireUser(event);
		const view = await countersignView(event.locals.db, d.assembly.id, user.grants);
		if (!view?.mayAct)
			return fail(403, { action: 'countersign', error: 'assembly:countersign.notAllowed' });
		const form = await event.request.formData();
		const r = await countersign(event.locals.db, user.id, d.assembly.id, {
			publicKey: String(form.get('publicKey') ?? ''),
			signature: String(form.get('signature') ?? '')
		});
		if (r.ok) void refreshMinutes(event.locals.db, d.assembly.id, user.id);
		return answer('countersign', r);
	}
};
