import { eq, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { countAssembly } from '../../domain/counting/count';
import type { Roll } from '../../domain/record/types';
import type { LiveState, Turnout } from '../../realtime/events';
import type { Executor } from '../db/client';
import { assemblyVoter, ledgerEntry } from '../db/schema';
import { getAssembly, recordAssembly, recordItems, type AssemblyRow } from '../ledger/parts';
import { loadLedger } from '../ledger/store';

/** What the live module knows of an assembly: its state for everyone, tallies for those allowed. */
export interface LiveSnapshot extends LiveState {
	estateId: string;
	talliesVisible: boolean;
}

/**
 * Turnout in one query: an owner takes part once they have any ballot in the ledger (whichever
 * ballot counts under the revote rule, it is theirs), weighted by the area frozen at open.
 */
async function turnoutOf(db: Executor, a: AssemblyRow): Promise<Turnout> {
	const voted = sql`exists (select 1 from ${ledgerEntry} where ${ledgerEntry.assemblyId} = ${a.id}
		and ${ledgerEntry.type} = 'ballot' and ${ledgerEntry.owner} = ${assemblyVoter.pseudonym})`;
	const [[w], [h]] = await Promise.all([
		db
			.select({
				heads: sql<number>`count(*)::int`,
				area: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}), 0)::text`,
				partHeads: sql<number>`(count(*) filter (where ${voted}))::int`,
				partArea: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}) filter (where ${voted}), 0)::text`
			})
			.from(assemblyVoter)
			.where(eq(assemblyVoter.assemblyId, a.id)),
		db
			.select({ seq: sql<number>`coalesce(max(${ledgerEntry.seq}), -1)::int` })
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, a.id))
	]);
	return {
		assemblyId: a.id,
		state: a.state,
		seq: Number(h.seq),
		totals: { area: formatArea(BigInt(w.area)), heads: Number(w.heads) },
		participation: { area: formatArea(BigInt(w.partArea)), heads: Number(w.partHeads) },
		at: new Date().toISOString()
	};
}

/**
 * The live state of an assembly from the database, or null when it does not exist. Tallies use
 * the domain's counting on the whole current ledger, so this is O(ledger): fine at a few thousand
 * ballots because the caller coalesces (at most one run per assembly every ~250 ms).
 */
export async function liveSnapshot(db: Executor, assemblyId: string): Promise<LiveSnapshot | null> {
	const a = await getAssembly(db, assemblyId);
	if (!a) return null;
	const turnout = await turnoutOf(db, a);
	let tallies: LiveState['tallies'] = null;
	if (a.rollJson) {
		const [items, ledger] = await Promise.all([recordItems(db, a.id), loadLedger(db, a.id)]);
		const roll = JSON.parse(a.rollJson) as Roll;
		const count = countAssembly(roll, items, ledger, recordAssembly(a).rules);
		if (count.result) tallies = { items, results: count.result.items };
	}
	return { estateId: a.estateId, talliesVisible: a.talliesVisible, turnout, tallies };
}
