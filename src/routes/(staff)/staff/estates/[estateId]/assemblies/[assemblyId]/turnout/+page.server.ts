import { turnoutReport } from '$lib/server/assemblies/turnout';
import { paperScope } from '../paper/scope';
import type { PageServerLoad } from './$types';

/** Turnout by building and the owners still to visit (催票), for staff; never anyone's choices. */
export const load: PageServerLoad = async (event) => {
	const { db, estate, assembly: a } = await paperScope(event);
	return {
		estate: { id: estate.id, name: estate.name },
		assembly: { id: a.id, title: a.title, state: a.state },
		report: await turnoutReport(db, a.id)
	};
};
