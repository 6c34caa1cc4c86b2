import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import {
	answerObjection,
	defaultObjectionDays,
	freezeRoll,
	publishRoll,
	withdrawPublication
} from '$lib/server/publication';
import { formatTime } from '$lib/server/publication/format';
import { publicationOverview } from '$lib/server/publication/view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const db = event.locals.db;
	return {
		estate: { id: estate.id, name: estate.name },
		defaultDays: await defaultObjectionDays(db, estate.id),
		...(await publicationOverview(db, estate.id, event.locals.locale))
	};
};

const Days = z.object({ days: z.coerce.number().int() });
const Withdraw = z.object({ publicationId: z.string().min(1) });
const Answer = z.object({ objectionId: z.string().min(1), answer: z.string() });

export const actions: Actions = {
	publish: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const parsed = Days.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'publication:publication.daysRange' });
		const r = await publishRoll(event.locals.db, {
			estateId: estate.id,
			actorId: requireUser(event).id,
			days: parsed.data.days
		});
		if (!r.ok) return fail(409, { error: `publication:${r.code}` });
		return {
			done: 'published',
			until: formatTime(r.publication.objectionsUntil, event.locals.locale)
		};
	},
	withdraw: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const parsed = Withdraw.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'publication:publication.notFound' });
		const r = await withdrawPublication(event.locals.db, {
			estateId: estate.id,
			publicationId: parsed.data.publicationId,
			actorId: requireUser(event).id
		});
		if (!r.ok) return fail(409, { error: `publication:${r.code}` });
		return { done: 'withdrawn' };
	},
	freeze: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const r = await freezeRoll(event.locals.db, {
			estateId: estate.id,
			actorId: requireUser(event).id
		});
		if (!r.ok) return fail(409, { error: `publication:${r.code}` });
		return { done: 'frozen' };
	},
	answer: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const form = Object.fromEntries(await event.request.formData());
		const parsed = Answer.safeParse(form);
		if (!parsed.success) return fail(400, { error: 'publication:objection.notFound' });
		const r = await answerObjection(event.locals.db, {
			estateId: estate.id,
			objectionId: parsed.data.objectionId,
			actorId: requireUser(event).id,
			answer: parsed.data.answer
		});
		if (!r.ok)
			return fail(r.code === 'objection.answerLength' ? 400 : 409, {
				error: `publication:${r.code}`,
				objectionId: parsed.data.objectionId,
				answer: parsed.data.answer
			});
		return { done: 'answered' };
	}
};
