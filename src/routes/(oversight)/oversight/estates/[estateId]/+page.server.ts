import { formatArea } from '$lib/domain/area';
import { requireRole } from '$lib/server/auth/guard';
import { rollSummary } from '$lib/server/places';
import { publicationOverview } from '$lib/server/publication/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'oversight');
	const db = event.locals.db;
	const roll = await rollSummary(db, estate.id);
	const overview = await publicationOverview(db, estate.id, event.locals.locale);
	return {
		estate: { id: estate.id, name: estate.name },
		roll: {
			units: roll.units,
			heads: roll.heads,
			area: formatArea(roll.area),
			byBuilding: roll.byBuilding.map((b) => ({ ...b, area: formatArea(b.area) }))
		},
		...overview
	};
};
