import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { CANCELLABLE, EDITABLE } from '$lib/server/assemblies/access';
import { nominateCandidate, removeCandidate } from '$lib/server/assemblies/candidates';
import { addDocument, removeDocument } from '$lib/server/assemblies/documents';
import { parseCandidate, parseItem } from '$lib/server/assemblies/form';
import { addItem, removeItem } from '$lib/server/assemblies/items';
import { cancelAssembly, fileAssembly } from '$lib/server/assemblies/lifecycle';
import { assemblyDetail, unitChoices, unitOwnerNames } from '$lib/server/assemblies/queries';
import { isOwnerOf } from '$lib/domain/units/natural';
import { nextStep, setupChecklist } from '$lib/domain/assembly/setup';
import { lateMinutesOf } from '$lib/server/paper/rule';
import { closeAssembly, openAssembly } from '$lib/server/ledger/lifecycle';
import { countAndStore, publishResult } from '$lib/server/ledger/result';
import { storedResult } from '$lib/server/ledger/result-view';
import { listScrutineers } from '$lib/server/minutes/scrutineers';
import { listMinutes, refreshMinutes } from '$lib/server/minutes/store';
import { scrutineerActions } from './scrutineer-actions';
import { answerResultObjection } from '$lib/server/announcement/objections';
import { announcementView, objectionsView } from '$lib/server/announcement/view';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ estateId: string; assemblyId: string }>;

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const db = event.locals.db;
	const d = await assemblyDetail(db, event.params.assemblyId);
	if (!d || d.assembly.estateId !== estate.id) error(404, { message: 'not_found' });
	const a = d.assembly;
	const now = Date.now();
	const editable = EDITABLE.includes(a.state);
	const meeting = a.form === 'meeting';
	const hasElection = d.items.some((i) => i.type === 'election');
	const late = await lateMinutesOf(db, a.id);
	const candidates = d.items.flatMap((i) => i.candidates);
	return {
		...d,
		late,
		next: nextStep(a, new Date(now), late),
		checklist: editable
			? setupChecklist(d.items, candidates, {
					opensAt: a.opensAt,
					now: new Date(now),
					noticeDays: d.noticeDays
				})
			: [],
		estate: { id: estate.id, name: estate.name },
		units: editable && hasElection ? await unitChoices(db, estate.id) : [],
		outcome: await storedResult(db, a.id, 'staff'),
		scrutineers: await listScrutineers(db, a.id),
		minutes: await listMinutes(db, a.id),
		announcement: a.resultJson ? await announcementView(db, a.id) : null,
		objections: a.state === 'published' ? await objectionsView(db, { assemblyId: a.id }) : [],
		can: {
			edit: editable,
			cancel: CANCELLABLE.includes(a.state),
			open: a.state === 'announced' && (meeting || now >= a.opensAt.getTime()),
			close: a.state === 'open' && (meeting || now >= a.closesAt.getTime()),
			count: a.state === 'closed',
			publish: a.state === 'counted'
		}
	};
};

/** The guard, then the assembly must belong to the estate in the URL. */
async function scope(event: Event) {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const d = await assemblyDetail(event.locals.db, event.params.assemblyId);
	if (!d || d.assembly.estateId !== estate.id) error(404, { message: 'not_found' });
	return { db: event.locals.db, actorId: requireUser(event).id, assemblyId: d.assembly.id };
}

const formOf = async (event: Event) =>
	Object.fromEntries(await event.request.formData()) as Record<string, string>;

function answer(action: string, r: { ok: true } | { ok: false; code: string }) {
	return r.ok ? { action, done: true } : fail(400, { action, error: `assembly:${r.code}` });
}

const item = (type: 'resolution' | 'election') => async (event: Event) => {
	const { db, ...s } = await scope(event);
	const form = await formOf(event);
	const parsed = parseItem(type, form);
	if (!parsed.ok)
		return fail(400, { action: type, error: `assembly:${parsed.code}`, values: form });
	const r = await addItem(db, { ...s, item: parsed.value });
	return r.ok
		? { action: type, done: true }
		: fail(400, { action: type, error: `assembly:${r.code}`, values: form });
};

const ledger =
	(action: string, fn: typeof openAssembly | typeof publishResult) => async (event: Event) => {
		const { db, actorId, assemblyId } = await scope(event);
		return answer(action, await fn(db, assemblyId, actorId));
	};

export const actions: Actions = {
	addResolution: item('resolution'),
	addElection: item('election'),
	removeItem: async (event) => {
		const { db, ...s } = await scope(event);
		return answer(
			'removeItem',
			await removeItem(db, { ...s, key: (await formOf(event)).key ?? '' })
		);
	},
	nominate: async (event) => {
		const { db, ...s } = await scope(event);
		const form = await formOf(event);
		const parsed = parseCandidate(form);
		if (!parsed.ok)
			return fail(400, { action: 'nominate', error: `assembly:${parsed.code}`, values: form });
		const r = await nominateCandidate(db, { ...s, ...parsed.value });
		if (!r.ok) return fail(400, { action: 'nominate', error: `assembly:${r.code}`, values: form });
		const owners = r.candidate.unitId ? await unitOwnerNames(db, r.candidate.unitId) : null;
		const notOwner = owners !== null && !isOwnerOf(r.candidate.name, owners);
		return { action: 'nominate', done: true, itemKey: parsed.value.itemKey, notOwner };
	},
	removeCandidate: async (event) => {
		const { db, ...s } = await scope(event);
		const key = (await formOf(event)).key ?? '';
		return answer('removeCandidate', await removeCandidate(db, { ...s, key }));
	},
	upload: async (event) => {
		const { db, ...s } = await scope(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { action: 'upload', error: 'assembly:document.missing' });
		const bytes = new Uint8Array(await file.arrayBuffer());
		return answer('upload', await addDocument(db, { ...s, filename: file.name, bytes }));
	},
	removeDocument: async (event) => {
		const { db, ...s } = await scope(event);
		const documentId = (await formOf(event)).documentId ?? '';
		return answer('removeDocument', await removeDocument(db, { ...s, documentId }));
	},
	file: async (event) => {
		const { db, ...s } = await scope(event);
		return answer('file', await fileAssembly(db, s));
	},
	cancel: async (event) => {
		const { db, ...s } = await scope(event);
		const reason = (await formOf(event)).reason ?? '';
		return answer('cancel', await cancelAssembly(db, { ...s, reason }));
	},
	open: ledger('open', openAssembly),
	close: ledger('close', closeAssembly),
	count: async (event) => {
		const { db, actorId, assemblyId } = await scope(event);
		const r = await countAndStore(db, assemblyId, actorId);
		if (r.ok) void refreshMinutes(db, assemblyId, actorId);
		return answer('count', r);
	},
	publish: ledger('publish', publishResult),
	...scrutineerActions(scope),
	answerObjection: async (event) => {
		const { db, actorId } = await scope(event);
		const form = await formOf(event);
		const r = await answerResultObjection(db, {
			estateId: event.params.estateId,
			objectionId: form.objectionId ?? '',
			actorId,
			answer: form.answer ?? ''
		});
		return r.ok
			? { action: 'answerObjection', key: form.objectionId, done: true }
			: fail(400, { action: 'answerObjection', key: form.objectionId, error: r.code });
	}
};
