import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { beijingTime } from '$lib/time';
import { messageKey } from '$lib/server/registration/messages';
import {
	listRequests,
	listVerified,
	searchUnregisteredOwners
} from '$lib/server/registration/queries';
import { approveRequest, rejectRequest, verifyInPerson } from '$lib/server/registration/review';
import { estateForRegistration } from '$lib/server/registration/self';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const db = event.locals.db;
	const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 40);
	return {
		estate: { id: estate.id, name: estate.name },
		buildings: (await estateForRegistration(db, estate.id))?.buildings ?? [],
		pending: await listRequests(db, estate.id, 'pending'),
		verified: (await listVerified(db, estate.id)).map((v) => ({
			...v,
			at: beijingTime(v.at, event.locals.locale).split(' ')[0]
		})),
		q,
		owners: q ? await searchUnregisteredOwners(db, estate.id, q) : null
	};
};

const Review = z.object({ requestId: z.string().min(1), reason: z.string().max(500).optional() });
const InPerson = z.object({
	ownerId: z.string().min(1),
	login: z.string().max(64),
	password: z.string().max(200),
	note: z.string().max(200)
});

async function form(request: Request) {
	return Object.fromEntries(await request.formData()) as Record<string, string>;
}

export const actions: Actions = {
	approve: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const p = Review.safeParse(await form(event.request));
		if (!p.success) return fail(400, { review: { error: messageKey('review.notFound') } });
		const r = await approveRequest(
			event.locals.db,
			requireUser(event).id,
			estate.id,
			p.data.requestId
		);
		if (!r.ok) return fail(400, { review: { id: p.data.requestId, error: messageKey(r.code) } });
		return { review: { done: 'registration:staff.approved' } };
	},
	reject: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const p = Review.safeParse(await form(event.request));
		if (!p.success) return fail(400, { review: { error: messageKey('review.reasonEmpty') } });
		const r = await rejectRequest(
			event.locals.db,
			requireUser(event).id,
			estate.id,
			p.data.requestId,
			p.data.reason ?? ''
		);
		if (!r.ok) return fail(400, { review: { id: p.data.requestId, error: messageKey(r.code) } });
		return { review: { done: 'registration:staff.rejectedDone' } };
	},
	inPerson: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const { password: _p, ...values } = await form(event.request);
		const p = InPerson.safeParse({ ...values, password: _p ?? '' });
		if (!p.success)
			return fail(400, { inPerson: { values, error: messageKey('registration.missing') } });
		const r = await verifyInPerson(event.locals.db, requireUser(event).id, estate.id, p.data);
		if (!r.ok) return fail(400, { inPerson: { values, error: messageKey(r.code) } });
		return { inPerson: { login: p.data.login.trim().toLowerCase(), name: r.ownerName } };
	}
};
