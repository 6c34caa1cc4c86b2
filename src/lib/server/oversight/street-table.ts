import { and, desc, eq, inArray, like } from 'drizzle-orm';
import type { Result } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly, place } from '../db/schema';
import { rollSummary } from '../places';
import { formatArea } from '../../domain/area';

/** Per estate under `path`: the roll and the latest counted assembly's participation and outcomes. */
export async function streetTable(db: Executor, path: string) {
	const estates = await db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(and(eq(place.kind, 'estate'), like(place.path, `${path}%`)))
		.orderBy(place.name);
	return Promise.all(
		estates.map(async (e) => {
			const roll = await rollSummary(db, e.id);
			const [a] = await db
				.select({ title: assembly.title, resultJson: assembly.resultJson })
				.from(assembly)
				.where(and(eq(assembly.estateId, e.id), inArray(assembly.state, ['counted', 'published'])))
				.orderBy(desc(assembly.closesAt))
				.limit(1);
			const r = a?.resultJson ? (JSON.parse(a.resultJson) as Result) : null;
			const pct = (part: number, total: number) =>
				total > 0 ? ((100 * part) / total).toFixed(1) : '';
			return {
				estate: e.name,
				units: roll.units,
				heads: roll.heads,
				area: formatArea(roll.area),
				assembly: a?.title ?? '',
				areaPct: r ? pct(Number(r.participation.area), Number(r.totals.area)) : '',
				headsPct: r ? pct(r.participation.heads, r.totals.heads) : '',
				outcomes: r
					? Object.entries(r.items)
							.map(([id, i]) => `${id}:${i.outcome}`)
							.join(' ')
					: ''
			};
		})
	);
}

/** The estates under every place the account oversees, one table (the downloads' rows). */
export async function streetTableOf(db: Executor, grants: { placePath: string }[]) {
	return (await Promise.all(grants.map((g) => streetTable(db, g.placePath)))).flat();
}
