import { fail } from '@sveltejs/kit';
import { votingContext } from '$lib/server/ballots/context';
import { recordItems } from '$lib/server/ledger/parts';
import { estateBuildings } from '$lib/server/places';
import { attachPaperScan } from '$lib/server/paper/attach';
import { enterPaperBallot } from '$lib/server/paper/entry';
import { choicesFromForm } from '$lib/server/paper/form';
import { itemsVotableNow } from '$lib/server/meeting/gate';
import { lateMinutesOf, paperDeadline, setLateMinutes } from '$lib/server/paper/rule';
import { paperStatus } from '$lib/server/paper/status';
import { beijingTime } from '$lib/time';
import { paperScope } from './scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, estate, assembly: a } = await paperScope(event);
	const late = await lateMinutesOf(db, a.id);
	const locale = event.locals.locale;
	const items = await recordItems(db, a.id);
	const now = await itemsVotableNow(db, a, items);
	return {
		estate: { id: estate.id, name: estate.name },
		assembly: { id: a.id, title: a.title, state: a.state },
		items,
		// During an on-site meeting a paper ballot is entered for the open item only.
		entryItems: now.items,
		meeting: now.meeting && { open: items.find((i) => i.id === now.meeting!.open)?.title ?? null },
		buildings: await estateBuildings(db, estate.id),
		status: await paperStatus(db, a.id),
		late: { minutes: late, until: beijingTime(paperDeadline(a.closesAt, late), locale) },
		can: {
			print: a.state === 'announced' || a.state === 'open',
			enter: a.state === 'open',
			setLate: ['draft', 'returned', 'filed', 'announced'].includes(a.state)
		}
	};
};

export const actions: Actions = {
	enter: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		const form = await event.request.formData();
		const ctx = await votingContext(db, assembly.id);
		const choices = choicesFromForm(form, ctx?.items ?? []);
		const r = await enterPaperBallot(db, {
			assemblyId: assembly.id,
			accountId: actorId,
			code: String(form.get('code') ?? ''),
			choices
		});
		if (!r.ok) return fail(400, { action: 'enter', error: `paper:error.${r.code}` });
		return { action: 'enter', status: r.status, seq: r.status === 'appended' ? r.seq : null };
	},
	attach: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const bytes =
			file instanceof File && file.size ? new Uint8Array(await file.arrayBuffer()) : null;
		const r = await attachPaperScan(db, {
			assemblyId: assembly.id,
			accountId: actorId,
			code: String(form.get('code') ?? ''),
			bytes
		});
		if (!r.ok) return fail(400, { action: 'attach', error: `paper:error.${r.code}` });
		return { action: 'attach', sha256: r.sha256 };
	},
	late: async (event) => {
		const { db, assembly, actorId } = await paperScope(event);
		const raw = String((await event.request.formData()).get('minutes') ?? '').trim();
		const minutes = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
		const r = await setLateMinutes(db, actorId, assembly.id, minutes);
		if (!r.ok) return fail(400, { action: 'late', error: `paper:error.${r.code}` });
		return { action: 'late', saved: true };
	}
};
