import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { formatArea } from '$lib/domain/area';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { rollSummary } from '$lib/server/places';
import { currentPublication, listObjections, publishedRoll } from '$lib/server/publication';
import { formatTime } from '$lib/server/publication/format';
import { ownerEstate } from '$lib/server/publication/published-roll';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const Query = z.object({
	building: z.string().max(50).optional().catch(undefined),
	q: z.string().trim().max(50).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const home = user.ownerId ? await ownerEstate(event.locals.db, user.ownerId) : null;
	if (!home) error(403, { message: 'forbidden' });
	const estate = await requireRole(event, home.estateId, 'owner');
	const db = event.locals.db;
	const locale = event.locals.locale;
	const pub = await currentPublication(db, estate.id);
	const mine = await listObjections(db, { estateId: estate.id, filedBy: user.id });
	const query = Query.parse(Object.fromEntries(event.url.searchParams));
	const base = {
		estate: { id: estate.id, name: estate.name },
		query: { building: query.building ?? '', q: query.q ?? '' },
		mine: mine.map(({ filedBy: _f, ...o }) => ({
			...o,
			createdAt: formatTime(o.createdAt, locale),
			answeredAt: formatTime(o.answeredAt, locale)
		}))
	};
	if (!pub) return { ...base, publication: null, roll: null };
	const roll = await publishedRoll(db, estate.id, {
		building: query.building || undefined,
		search: query.q || undefined,
		viewer: user.ownerId ?? undefined,
		page: query.page,
		pageSize: PAGE_SIZE
	});
	const totals = await rollSummary(db, estate.id);
	return {
		...base,
		publication: {
			state: pub.state,
			until: formatTime(pub.objectionsUntil, locale),
			open: pub.state === 'published' && new Date() <= pub.objectionsUntil,
			rollHash: pub.rollHash
		},
		roll: {
			...roll,
			page: query.page,
			pages: Math.max(1, Math.ceil(roll.matched / PAGE_SIZE)),
			totals: { units: totals.units, heads: totals.heads, area: formatArea(totals.area) }
		}
	};
};
