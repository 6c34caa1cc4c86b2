import { fail, redirect } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { estateRules } from '$lib/server/assemblies/access';
import { createAssembly } from '$lib/server/assemblies/create';
import { parseHeader } from '$lib/server/assemblies/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	return {
		estate: { id: estate.id, name: estate.name },
		rules: await estateRules(event.locals.db, estate.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const form = Object.fromEntries(await event.request.formData());
		const values = form as Record<string, string>;
		const input = parseHeader(form);
		if (!input.ok) return fail(400, { error: `assembly:${input.code}`, values });
		const r = await createAssembly(event.locals.db, {
			actorId: requireUser(event).id,
			estateId: estate.id,
			input: input.value
		});
		if (!r.ok) return fail(400, { error: `assembly:${r.code}`, values });
		redirect(303, `/staff/estates/${estate.id}/assemblies/${r.assembly.id}`);
	}
};
