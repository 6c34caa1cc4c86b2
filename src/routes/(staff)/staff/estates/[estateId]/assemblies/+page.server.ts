import { requireRole } from '$lib/server/auth/guard';
import { listForEstate } from '$lib/server/assemblies/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	return {
		estate: { id: estate.id, name: estate.name },
		assemblies: await listForEstate(event.locals.db, estate.id)
	};
};
