import { formatArea } from '$lib/domain/area';
import { requireAnyGrant } from '$lib/server/auth/guard';
import { listEstates, rollSummary } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const grants = requireAnyGrant(event, 'oversight');
	const db = event.locals.db;
	const scopes = await Promise.all(
		grants.map(async (g) => {
			const estates = await listEstates(db, g.placePath);
			const rows = [];
			for (const e of estates) {
				const r = await rollSummary(db, e.id);
				rows.push({
					id: e.id,
					name: e.name,
					community: e.community,
					units: r.units,
					heads: r.heads,
					area: formatArea(r.area)
				});
			}
			return { id: g.placeId, name: g.placeName, estates: rows };
		})
	);
	return { scopes };
};
