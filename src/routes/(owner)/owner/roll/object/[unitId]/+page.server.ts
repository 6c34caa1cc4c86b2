import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { fileObjection } from '$lib/server/publication';
import { ownerEstate } from '$lib/server/publication/published-roll';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guard(event: RequestEvent) {
	const user = requireUser(event);
	const home = user.ownerId
		? await ownerEstate(event.locals.db, user.ownerId, event.params.unitId)
		: null;
	if (!home) error(403, { message: 'forbidden' });
	await requireRole(event, home.estateId, 'owner');
	if (!home.unit) error(404, { message: 'not_found' });
	return { user, ownerId: user.ownerId!, unit: home.unit };
}

export const load: PageServerLoad = async (event) => {
	const { unit } = await guard(event);
	return { unit };
};

const Form = z.object({ text: z.string() });

export const actions: Actions = {
	default: async (event) => {
		const { user, ownerId, unit } = await guard(event);
		const parsed = Form.safeParse(Object.fromEntries(await event.request.formData()));
		const text = parsed.success ? parsed.data.text : '';
		const r = await fileObjection(event.locals.db, {
			accountId: user.id,
			ownerId,
			unitId: unit.id,
			text
		});
		if (!r.ok)
			return fail(r.code === 'objection.textLength' ? 400 : 409, {
				error: `publication:${r.code}`,
				text
			});
		redirect(303, '/owner/roll?filed=1#mine');
	}
};
