import { formatArea } from '$lib/domain/area';
import { requireRole } from '$lib/server/auth/guard';
import { estateTodo } from '$lib/server/assemblies/todo';
import { rollSummary } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const [roll, todo] = await Promise.all([
		rollSummary(event.locals.db, estate.id),
		estateTodo(event.locals.db, estate.id)
	]);
	return {
		estate: { id: estate.id, name: estate.name },
		todo,
		roll: {
			units: roll.units,
			heads: roll.heads,
			area: formatArea(roll.area),
			byBuilding: roll.byBuilding.map((b) => ({ ...b, area: formatArea(b.area) }))
		}
	};
};
