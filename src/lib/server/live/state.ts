import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { countAssembly } from '../../domain/counting/count';
import type { Item, LedgerEntry, Roll } from '../../domain/record/types';
import type { LiveState, Turnout } from '../../realtime/events';
import type { Executor } from '../db/client';
import { assemblyVoter, ledgerEntry } from '../db/schema';
import { getAssembly, recordAssembly, recordItems, type AssemblyRow } from '../ledger/parts';

/** What the live module knows of an assembly: its state for everyone, tallies for those allowed. */
export interface LiveSnapshot extends LiveState {
	estateId: string;
	talliesVisible: boolean;
}

/**
 * Turnout in one statement (one snapshot): an owner takes part once they have any ballot in the
 * ledger (whichever ballot counts under the revote rule, it is theirs), weighted by the area
 * frozen at open; the last seq comes from the same statement.
 */
async function turnoutOf(db: Executor, a: AssemblyRow): Promise<Turnout> {
	const voted = sql`exists (select 1 from ${ledgerEntry} where ${ledgerEntry.assemblyId} = ${a.id}
		and ${ledgerEntry.type} = 'ballot' and ${ledgerEntry.owner} = ${assemblyVoter.pseudonym})`;
	const [w] = await db
		.select({
			heads: sql<number>`count(*)::int`,
			area: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}), 0)::text`,
			partHeads: sql<number>`(count(*) filter (where ${voted}))::int`,
			partArea: sql<string>`coalesce(sum(${assemblyVoter.areaHundredths}) filter (where ${voted}), 0)::text`,
			seq: sql<number>`(select coalesce(max(${ledgerEntry.seq}), -1) from ${ledgerEntry} where ${ledgerEntry.assemblyId} = ${a.id})::int`
		})
		.from(assemblyVoter)
		.where(eq(assemblyVoter.assemblyId, a.id));
	return {
		assemblyId: a.id,
		state: a.state,
		seq: Number(w.seq),
		totals: { area: formatArea(BigInt(w.area)), heads: Number(w.heads) },
		participation: { area: formatArea(BigInt(w.partArea)), heads: Number(w.partHeads) },
		at: new Date().toISOString()
	};
}

/**
 * The ledger is append-only, so each process keeps the entries it has parsed and reads only the
 * new ones; items and roll are frozen once voting opened.
 */
interface TallyCache {
	roll: Roll;
	items: Item[];
	entries: LedgerEntry[];
}
const tallyCaches = new WeakMap<Executor, Map<string, TallyCache>>();

async function tallyInput(db: Executor, a: AssemblyRow): Promise<TallyCache> {
	let perDb = tallyCaches.get(db);
	if (!perDb) tallyCaches.set(db, (perDb = new Map()));
	let c = perDb.get(a.id);
	if (!c) {
		c = { roll: JSON.parse(a.rollJson!) as Roll, items: await recordItems(db, a.id), entries: [] };
		perDb.set(a.id, c);
	}
	const last = c.entries.length - 1;
	const rows = await db
		.select({ body: ledgerEntry.body, hash: ledgerEntry.hash })
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.assemblyId, a.id), gt(ledgerEntry.seq, last)))
		.orderBy(asc(ledgerEntry.seq));
	for (const r of rows) c.entries.push({ ...JSON.parse(r.body), hash: r.hash } as LedgerEntry);
	return c;
}

/**
 * The live state of an assembly from the database, or null when it does not exist. Tallies are
 * computed only when `withTallies`; counting is O(ledger) in memory (no Merkle tree: the head is
 * not needed live), and the caller coalesces runs to at most one per assembly every ~250 ms.
 */
export async function liveSnapshot(
	db: Executor,
	assemblyId: string,
	withTallies = true
): Promise<LiveSnapshot | null> {
	const a = await getAssembly(db, assemblyId);
	if (!a) return null;
	const turnout = await turnoutOf(db, a);
	let tallies: LiveState['tallies'] = null;
	if (a.rollJson && withTallies) {
		const { roll, items, entries } = await tallyInput(db, a);
		const head = { seq: turnout.seq, hash: '', merkleRoot: '' };
		const count = countAssembly(roll, items, entries, recordAssembly(a).rules, head);
		if (count.result) tallies = { items, results: count.result.items };
	}
	return { estateId: a.estateId, talliesVisible: a.talliesVisible, turnout, tallies };
}
