import { error } from '@sveltejs/kit';
import { formatArea } from '$lib/domain/area';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { listForOwners } from '$lib/server/assemblies/queries';
import { countedBallots } from '$lib/server/ballots/my-ballots';
import { ownerHome } from '$lib/server/owner-home';
import { currentPublication } from '$lib/server/publication';
import { formatTime } from '$lib/server/publication/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	const home = user.ownerId ? await ownerHome(event.locals.db, user.ownerId) : null;
	if (!home) error(403, { message: 'forbidden' });
	const pub = await currentPublication(event.locals.db, home.owner.estateId);
	return {
		estate: { id: home.owner.estateId, name: home.owner.estateName },
		ownerName: home.owner.name,
		units: home.units.map((u) => ({ ...u, area: formatArea(u.area) })),
		area: formatArea(home.area),
		publication: pub && {
			state: pub.state,
			until: formatTime(pub.objectionsUntil, event.locals.locale)
		},
		assemblies: await listForOwners(event.locals.db, home.owner.estateId),
		voted: Object.fromEntries(
			(await countedBallots(event.locals.db, home.owner.id)).map((b) => [
				b.assemblyId,
				{ seq: b.seq, at: b.at, revote: b.revote }
			])
		)
	};
};
