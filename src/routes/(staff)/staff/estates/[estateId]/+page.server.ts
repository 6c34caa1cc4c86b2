import { fail } from '@sveltejs/kit';
import { formatArea } from '$lib/domain/area';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { estateTodo } from '$lib/server/assemblies/todo';
import { ruleSetOf, setRuleSet } from '$lib/server/legal/rule-set';
import { rollSummary } from '$lib/server/places';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const [roll, todo, ruleSet] = await Promise.all([
		rollSummary(event.locals.db, estate.id),
		estateTodo(event.locals.db, estate.id),
		ruleSetOf(event.locals.db, estate.id)
	]);
	return {
		estate: { id: estate.id, name: estate.name },
		todo,
		ruleSet,
		roll: {
			units: roll.units,
			heads: roll.heads,
			area: formatArea(roll.area),
			byBuilding: roll.byBuilding.map((b) => ({ ...b, area: formatArea(b.area) }))
		}
	};
};

export const actions: Actions = {
	ruleSet: async (event) => {
		const estate = await requireRole(event, event.params.estateId, 'staff');
		const value = String((await event.request.formData()).get('ruleSet') ?? '');
		const r = await setRuleSet(event.locals.db, requireUser(event).id, estate.id, value);
		if (!r.ok) return fail(400, { ruleSetError: `legal:error.${r.code}` });
		return { ruleSetSaved: r.ruleSet };
	}
};
