import { fail } from '@sveltejs/kit';
import {
	checkIn,
	closeItem,
	openItem,
	screenToken,
	type CheckinVia
} from '$lib/server/meeting/run';
import { ownerByCode, searchVoters, votersByPhone } from '$lib/server/meeting/find';
import { screenState } from '$lib/server/meeting/screen';
import { paperScope } from '../paper/scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, estate, assembly: a } = await paperScope(event);
	const token = a.form === 'meeting' ? await screenToken(db, a.id) : null;
	const q = event.url.searchParams.get('q') ?? '';
	return {
		estate: { id: estate.id },
		assembly: { id: a.id, title: a.title, state: a.state, form: a.form },
		screenUrl: token ? `${event.url.origin}/screen/${token}` : null,
		screen: token && a.state !== 'announced' ? await screenState(db, token) : null,
		q,
		found: q && a.state === 'open' ? await searchVoters(db, a.id, q) : []
	};
};

const answer = (action: string, r: { ok: true } | { ok: false; code: string }) =>
	r.ok ? { action, done: true } : fail(400, { action, error: `meeting:error.${r.code}` });

export const actions: Actions = {
	checkIn: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		const form = await event.request.formData();
		const code = String(form.get('code') ?? '').trim();
		const listed: CheckinVia = String(form.get('via') ?? '') === 'phone' ? 'phone' : 'search';
		const found = code
			? await ownerByCode(db, assembly.id, code)
			: { ownerId: String(form.get('ownerId') ?? ''), via: listed };
		if (!found?.ownerId)
			return fail(400, { action: 'checkIn', error: 'meeting:error.meeting.unknownCode' });
		const { ownerId, via } = found;
		return answer(
			'checkIn',
			await checkIn(db, { assemblyId: assembly.id, staffId: actorId, ownerId, via })
		);
	},
	/** By phone number: a POST, so the number stays out of addresses and access logs. */
	findPhone: async (event) => {
		const { db, assembly } = await paperScope(event);
		if (assembly.state !== 'open') return fail(400, { action: 'findPhone', found: [] });
		const phone = String((await event.request.formData()).get('phone') ?? '').slice(0, 40);
		return { action: 'findPhone', found: await votersByPhone(db, assembly.id, phone) };
	},
	openItem: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		const itemKey = String((await event.request.formData()).get('item') ?? '');
		return answer(
			'item',
			await openItem(db, { assemblyId: assembly.id, staffId: actorId, itemKey })
		);
	},
	closeItem: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		return answer('item', await closeItem(db, { assemblyId: assembly.id, staffId: actorId }));
	}
};
