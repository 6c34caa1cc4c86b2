import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { ownerView } from '$lib/server/assemblies/queries';
import { countedBallots } from '$lib/server/ballots/my-ballots';
import { fileResultObjection } from '$lib/server/announcement/objections';
import { announcementView, objectionsView } from '$lib/server/announcement/view';
import { storedResult } from '$lib/server/ledger/result-view';
import type { Actions, PageServerLoad } from './$types';

async function scope(event: RequestEvent<{ assemblyId: string }>) {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	const view = user.ownerId
		? await ownerView(event.locals.db, user.ownerId, event.params.assemblyId)
		: null;
	if (!view) error(404, { message: 'not_found' });
	return { user, view };
}

export const load: PageServerLoad = async (event) => {
	const { user, view } = await scope(event);
	const db = event.locals.db;
	const published = view.assembly.state === 'published';
	const [voted] = await countedBallots(db, user.ownerId!, view.assembly.id);
	return {
		...view,
		voted: voted ? { seq: voted.seq, at: voted.at } : null,
		outcome: await storedResult(db, view.assembly.id, 'public'),
		announcement: published ? await announcementView(db, view.assembly.id) : null,
		myObjections: published
			? await objectionsView(db, { assemblyId: view.assembly.id, filedBy: user.id })
			: []
	};
};

export const actions: Actions = {
	object: async (event) => {
		const { user, view } = await scope(event);
		const form = await event.request.formData().catch(() => null);
		if (!form) return fail(400, { action: 'object', error: 'objection.textLength' });
		const file = form.get('attachment');
		const attachment =
			file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
		const r = await fileResultObjection(event.locals.db, {
			assemblyId: view.assembly.id,
			accountId: user.id,
			ownerId: user.ownerId!,
			text: String(form.get('text') ?? ''),
			attachment
		});
		return r.ok ? { action: 'object', done: true } : fail(400, { action: 'object', error: r.code });
	}
};
