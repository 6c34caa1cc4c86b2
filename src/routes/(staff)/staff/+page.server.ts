import { redirect } from '@sveltejs/kit';
import { requireAnyGrant } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const estates = requireAnyGrant(event, 'staff').filter((g) => g.placeKind === 'estate');
	if (estates.length === 1) redirect(303, `/staff/estates/${estates[0].placeId}`);
	return { estates: estates.map((g) => ({ id: g.placeId, name: g.placeName })) };
};
