import { error } from '@sveltejs/kit';
import { formatArea } from '$lib/domain/area';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { ownerHome } from '$lib/server/owner-home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	const home = user.ownerId ? await ownerHome(event.locals.db, user.ownerId) : null;
	if (!home) error(403, { message: 'forbidden' });
	return {
		estate: { id: home.owner.estateId, name: home.owner.estateName },
		ownerName: home.owner.name,
		units: home.units.map((u) => ({ ...u, area: formatArea(u.area) })),
		area: formatArea(home.area),
		assemblies: [] as { id: string; title: string; state: string }[]
	};
};
