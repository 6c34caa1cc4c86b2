import { fail } from '@sveltejs/kit';
import {
	commitImport,
	dropUpload,
	previewImport,
	previewView,
	rollLock,
	rollTotals,
	setCountedKinds,
	stashUpload,
	takeUpload
} from '$lib/server/roll';
import { requireUser } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';
import { editRoll, readRoll } from './access';

export const load: PageServerLoad = async (event) => {
	const { estate, canEdit } = await readRoll(event);
	const db = event.locals.db;
	const [totals, lock] = await Promise.all([rollTotals(db, estate.id), rollLock(db, estate.id)]);
	return { estate: { id: estate.id, name: estate.name }, canEdit, totals, locked: lock.locked };
};

export const actions: Actions = {
	preview: async (event) => {
		const estate = await editRoll(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: 'roll:error.upload.missing' });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const locale = event.locals.locale;
		const p = await previewImport(event.locals.db, estate.id, bytes, file.name, { locale });
		const view = previewView(p, file.name);
		if (p.ok) view.token = (await stashUpload(estate.id, bytes, file.name)).token;
		return { preview: view };
	},
	commit: async (event) => {
		const estate = await editRoll(event);
		const form = await event.request.formData();
		const token = String(form.get('token') ?? '');
		const upload = await takeUpload(estate.id, token, String(form.get('sha256') ?? ''));
		if (!upload) return fail(410, { error: 'roll:error.upload.expired' });
		const actor = requireUser(event).id;
		const { locale, db } = event.locals;
		const r = await commitImport(db, actor, estate.id, upload.bytes, upload.filename, { locale });
		if (!r.ok) {
			const p = await previewImport(db, estate.id, upload.bytes, upload.filename, { locale });
			return fail(400, { preview: { ...previewView(p, upload.filename), ok: false } });
		}
		await dropUpload(token);
		return { imported: r.summary };
	},
	countedKinds: async (event) => {
		const estate = await editRoll(event);
		const kinds = (await event.request.formData()).getAll('kind').map(String);
		const r = await setCountedKinds(event.locals.db, requireUser(event).id, estate.id, kinds);
		if (!r.ok) return fail(400, { settingsError: `roll:error.${r.code}` });
		return { settingsSaved: true };
	}
};
