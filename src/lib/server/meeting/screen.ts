import { asc, eq, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import type { Item, ItemResult, Weight } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assemblyVoter, meetingCheckin, meetingItem, meetingScreen } from '../db/schema';
import { getAssembly } from '../ledger/parts';
import { liveSnapshot } from '../live/state';

export interface ScreenState {
	assemblyId: string;
	title: string;
	state: string;
	current: Item | null;
	items: { id: string; title: string; status: 'pending' | 'open' | 'closed' }[];
	totals: Weight;
	present: Weight;
	voted: Weight;
	/** Results of closed items when the assembly's rules show them; never of the open one. */
	results: { item: Item; result: ItemResult }[];
}

/** Present owners (checked in) by area and heads, against the frozen roll's totals. */
export async function presence(
	db: Executor,
	assemblyId: string
): Promise<{ totals: Weight; present: Weight }> {
	const here = sql`exists (select 1 from ${meetingCheckin} where ${meetingCheckin.assemblyId} = ${assemblyId} and ${meetingCheckin.ownerId} = ${assemblyVoter.ownerId})`;
	const [w] = await db
		.select({
			heads: sql<number>`count(*)::int`,
			area: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}), 0)::text`,
			hereHeads: sql<number>`(count(*) filter (where ${here}))::int`,
			hereArea: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}) filter (where ${here}), 0)::text`
		})
		.from(assemblyVoter)
		.where(eq(assemblyVoter.assemblyId, assemblyId));
	return {
		totals: { area: formatArea(BigInt(w.area)), heads: Number(w.heads) },
		present: { area: formatArea(BigInt(w.hereArea)), heads: Number(w.hereHeads) }
	};
}

/**
 * What the projector shows (no login, so nothing personal): the current item, who is present and
 * who voted by area and heads against the 2/3 lines, and the results of closed items.
 */
export async function screenState(db: Executor, token: string): Promise<ScreenState | null> {
	if (!/^[0-9a-f]{32}$/.test(token)) return null;
	const [s] = await db.select().from(meetingScreen).where(eq(meetingScreen.token, token));
	const a = s && (await getAssembly(db, s.assemblyId));
	if (!a) return null;
	const steps = await db
		.select()
		.from(meetingItem)
		.where(eq(meetingItem.assemblyId, a.id))
		.orderBy(asc(meetingItem.openedAt));
	const snap = await liveSnapshot(db, a.id, true);
	const items = snap?.tallies?.items ?? [];
	const status = (id: string) => {
		const st = steps.find((x) => x.itemKey === id);
		return !st ? 'pending' : st.closedAt ? 'closed' : 'open';
	};
	const current = items.find((i) => status(i.id) === 'open') ?? null;
	// Only where the rules show each item's result once closed (live/visible.ts); never live.
	const shown = (i: Item) => a.form === 'meeting' && a.talliesVisible && status(i.id) === 'closed';
	const { totals, present } = await presence(db, a.id);
	return {
		assemblyId: a.id,
		title: a.title,
		state: a.state,
		current,
		items: items.map((i) => ({ id: i.id, title: i.title, status: status(i.id) })),
		totals,
		present,
		voted: snap?.turnout.participation ?? { area: '0.00', heads: 0 },
		results: items
			.filter(shown)
			.map((i) => ({ item: i, result: snap!.tallies!.results[i.id] }))
			.filter((r) => r.result)
	};
}
