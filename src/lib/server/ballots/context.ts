import { eq, getTableColumns, sql } from 'drizzle-orm';
import { indexItems, type ItemIndex } from '../../domain/counting/choice';
import type { Item } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly as assemblyTable, assemblyVoter } from '../db/schema';
import { recordItems, type AssemblyRow } from '../ledger/parts';

/** The assembly row without its large JSON texts: the frozen roll is known by its digest only. */
export type VotingAssembly = Omit<AssemblyRow, 'rollJson' | 'resultJson'> & {
	/** md5 of the frozen roll's text, to tell a re-frozen roll; null before voting opens. */
	rollDigest: string | null;
};

export interface VotingContext {
	assembly: VotingAssembly;
	items: Item[];
	index: ItemIndex;
	/** Roll owner id → pseudonym and weight, frozen when voting opened. */
	voters: Map<string, { pseudonym: string; areaHundredths: bigint }>;
}

const cache = new Map<string, { at: number; ctx: VotingContext }>();
const TTL_MS = 5_000;
/**
 * Items and voters of open assemblies, kept while the frozen roll they came from stays the same:
 * with many open assemblies each one's cache expires between two of its ballots, and reloading
 * every voter each time cost more than the ballot itself (bench cast, 100 open assemblies).
 */
const frozen = new Map<string, { rollDigest: string; parts: Omit<VotingContext, 'assembly'> }>();
/** One load per assembly at a time, shared by concurrent requests. */
const loading = new Map<string, Promise<VotingContext | null>>();

// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { rollJson, resultJson, ...columns } = getTableColumns(assemblyTable);

/**
 * The assembly row with the digest of its frozen roll instead of the roll: a roll of 2,000 owners
 * is hundreds of kilobytes, and with many open assemblies this row is re-read every few seconds
 * for each of them.
 */
async function votingAssembly(db: Executor, id: string): Promise<VotingAssembly | null> {
	const [row] = await db
		.select({ ...columns, rollDigest: sql<string | null>`md5(${assemblyTable.rollJson})` })
		.from(assemblyTable)
		.where(eq(assemblyTable.id, id));
	return row ?? null;
}

async function load(db: Executor, assemblyId: string, now: number): Promise<VotingContext | null> {
	const assembly = await votingAssembly(db, assemblyId);
	if (!assembly) return null;
	const open = assembly.state === 'open' && assembly.rollDigest !== null;
	const kept = frozen.get(assemblyId);
	if (open && kept && kept.rollDigest === assembly.rollDigest) {
		const ctx = { assembly, ...kept.parts };
		cache.set(assemblyId, { at: now, ctx });
		return ctx;
	}
	const items = await recordItems(db, assemblyId);
	const rows = await db
		.select()
		.from(assemblyVoter)
		.where(eq(assemblyVoter.assemblyId, assemblyId));
	const parts = {
		items,
		index: indexItems(items),
		voters: new Map(
			rows.map((r) => [r.ownerId, { pseudonym: r.pseudonym, areaHundredths: r.areaHundredths }])
		)
	};
	const ctx: VotingContext = { assembly, ...parts };
	if (open) {
		frozen.set(assemblyId, { rollDigest: assembly.rollDigest!, parts });
		cache.set(assemblyId, { at: now, ctx });
	} else frozen.delete(assemblyId);
	return ctx;
}

/**
 * What a ballot is checked against. Items and voters are frozen once voting opens, so an open
 * assembly's context is cached briefly and its items and voters for as long as it stays open on
 * the same frozen roll; the state itself is re-checked inside the append.
 */
export async function votingContext(
	db: Executor,
	assemblyId: string,
	now = Date.now()
): Promise<VotingContext | null> {
	const hit = cache.get(assemblyId);
	if (hit && now - hit.at < TTL_MS) return hit.ctx;
	let p = loading.get(assemblyId);
	if (!p) {
		p = load(db, assemblyId, now).finally(() => loading.delete(assemblyId));
		loading.set(assemblyId, p);
	}
	return p;
}

export function forgetVotingContext(assemblyId: string): void {
	cache.delete(assemblyId);
	frozen.delete(assemblyId);
}
