import { and, asc, eq, getTableColumns, gt, isNotNull, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { countAssembly } from '../../domain/counting/count';
import type { Item, LedgerEntry, Roll } from '../../domain/record/types';
import type { LiveState, Turnout } from '../../realtime/events';
import type { Executor } from '../db/client';
import { assembly, assemblyVoter, ledgerEntry, meetingItem } from '../db/schema';
import { recordItems, type AssemblyRow } from '../ledger/parts';
import { meetingProgress } from '../meeting/gate';

/** The row without its JSON texts; `frozen` says whether voting has frozen a roll. */
type LiveAssembly = Omit<AssemblyRow, 'rollJson' | 'resultJson'> & { frozen: boolean };

// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { rollJson, resultJson, ...columns } = getTableColumns(assembly);

/**
 * Each broadcast re-reads the assembly; its frozen roll (hundreds of KB for a large estate) is
 * read once per process, when the tally cache is made.
 */
async function liveAssembly(db: Executor, id: string): Promise<LiveAssembly | null> {
	const [row] = await db
		.select({ ...columns, frozen: sql<boolean>`${assembly.rollJson} is not null` })
		.from(assembly)
		.where(eq(assembly.id, id));
	return row ?? null;
}

/** What the live module knows of an assembly: its state for everyone, tallies for those allowed. */
export interface LiveSnapshot extends LiveState {
	estateId: string;
	/**
	 * In a meeting-form assembly whose rules show each item's result once it is closed
	 * (`talliesVisible`), the items staff closed so far; otherwise null.
	 */
	shownItems: string[] | null;
}

/**
 * Turnout in one statement (one snapshot): an owner takes part once they have any ballot in the
 * ledger (whichever ballot counts under the revote rule, it is theirs), weighted by the area
 * frozen at open; the last seq comes from the same statement.
 */
async function turnoutOf(db: Executor, a: LiveAssembly): Promise<Turnout> {
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

async function tallyInput(db: Executor, a: LiveAssembly): Promise<TallyCache | null> {
	let perDb = tallyCaches.get(db);
	if (!perDb) tallyCaches.set(db, (perDb = new Map()));
	let c = perDb.get(a.id);
	if (!c) {
		const [row] = await db
			.select({ rollJson: assembly.rollJson })
			.from(assembly)
			.where(eq(assembly.id, a.id));
		if (!row?.rollJson) return null;
		c = { roll: JSON.parse(row.rollJson) as Roll, items: await recordItems(db, a.id), entries: [] };
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
 * not needed live), and the caller coalesces runs to at most one per assembly every ~100 ms.
 */
export async function liveSnapshot(
	db: Executor,
	assemblyId: string,
	withTallies = true
): Promise<LiveSnapshot | null> {
	const a = await liveAssembly(db, assemblyId);
	if (!a) return null;
	const turnout = await turnoutOf(db, a);
	let tallies: LiveState['tallies'] = null;
	const input = a.frozen && withTallies ? await tallyInput(db, a) : null;
	if (input) {
		const { roll, items, entries } = input;
		const head = { seq: turnout.seq, hash: '', merkleRoot: '' };
		const count = countAssembly(roll, items, entries, { revote: a.revote, blank: a.blank }, head);
		if (count.result) tallies = { items, results: count.result.items };
	}
	const shownItems =
		a.form === 'meeting' && a.talliesVisible
			? (
					await db
						.select({ key: meetingItem.itemKey })
						.from(meetingItem)
						.where(and(eq(meetingItem.assemblyId, a.id), isNotNull(meetingItem.closedAt)))
				).map((r) => r.key)
			: null;
	const progress = a.form === 'meeting' ? await meetingProgress(db, a.id) : null;
	const meeting = progress?.started ? { open: progress.open } : null;
	return { estateId: a.estateId, shownItems, turnout, tallies, meeting };
}
