import { parsePage } from '$lib/server/paging';
import { buildingNames, listUnits } from '$lib/server/roll';
import { readRoll } from '../access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { estate, canEdit } = await readRoll(event);
	const params = event.url.searchParams;
	const query = {
		building: params.get('b') ?? '',
		q: params.get('q') ?? '',
		page: parsePage(params.get('page'))
	};
	const db = event.locals.db;
	const [list, buildings] = await Promise.all([
		listUnits(db, estate.id, { ...query, pageSize: 50 }),
		buildingNames(db, estate.id)
	]);
	return { estate: { id: estate.id, name: estate.name }, canEdit, list, buildings, query };
};
