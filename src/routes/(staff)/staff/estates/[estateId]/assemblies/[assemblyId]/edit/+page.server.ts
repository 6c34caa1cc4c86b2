import { error, fail, redirect } from '@sveltejs/kit';
import { toBeijingInput } from '$lib/time';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { estateRules } from '$lib/server/assemblies/access';
import { updateAssembly } from '$lib/server/assemblies/create';
import { parseHeader } from '$lib/server/assemblies/form';
import { assemblyDetail } from '$lib/server/assemblies/queries';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const d = await assemblyDetail(event.locals.db, event.params.assemblyId);
	if (!d || d.assembly.estateId !== estate.id) error(404, { message: 'not_found' });
	const a = d.assembly;
	return {
		estate: { id: estate.id, name: estate.name },
		assemblyId: a.id,
		values: {
			...a,
			opensAt: toBeijingInput(a.opensAt),
			closesAt: toBeijingInput(a.closesAt)
		},
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
		const r = await updateAssembly(event.locals.db, {
			actorId: requireUser(event).id,
			assemblyId: event.params.assemblyId,
			input: input.value
		});
		if (!r.ok) return fail(400, { error: `assembly:${r.code}`, values });
		redirect(303, `/staff/estates/${estate.id}/assemblies/${r.assembly.id}`);
	}
};
