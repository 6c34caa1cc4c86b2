import { asc, and, eq, sql } from 'drizzle-orm';
import type { Assembly, Channel, Estate, Item, Result, Signature } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { headSignature, ledgerEntry, scrutineer } from '../db/schema';
import { latestCheckpoint } from '../ledger/checkpoints';
import { getAssembly, recordAssembly, recordEstate, recordItems } from '../ledger/parts';

export const MINUTES_FORMAT = 'gongyi-minutes/1';
export const CHANNELS: readonly Channel[] = ['online', 'paper', 'proxy'];

/** Ballots of one channel: entries in the ledger, and those counted under the revote rule. */
export interface ChannelCount {
	received: number;
	counted: number;
}

/**
 * Everything the minutes state, as embedded in the PDF (`minutes.json`): the record's estate,
 * assembly, items and result as stored, plus what only the minutes carry.
 */
export interface MinutesFigures {
	format: typeof MINUTES_FORMAT;
	estate: Estate;
	assembly: Assembly;
	items: Item[];
	result: Result;
	channels: Record<string, ChannelCount>;
	scrutineers: { role: 'supervisor' | 'counter'; name: string }[];
	checkpoint: { treeSize: number; root: string; at: string } | null;
	signatures: Signature[];
}

/** Ballots by channel, read from the ledger entries' `channel` (spec: Ledger entries). */
export async function channelCounts(
	db: Executor,
	assemblyId: string,
	revote: 'last' | 'first'
): Promise<Record<string, ChannelCount>> {
	const rows = await db
		.select({
			owner: ledgerEntry.owner,
			seq: ledgerEntry.seq,
			channel: sql<string>`(${ledgerEntry.body}::jsonb)->>'channel'`
		})
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.assemblyId, assemblyId), eq(ledgerEntry.type, 'ballot')))
		.orderBy(asc(ledgerEntry.seq));
	const out: Record<string, ChannelCount> = {};
	for (const c of CHANNELS) out[c] = { received: 0, counted: 0 };
	const countedOf = new Map<string, string>();
	for (const r of rows) {
		(out[r.channel] ??= { received: 0, counted: 0 }).received++;
		// Rows come in seq order: "last" keeps overwriting, "first" keeps the first seen.
		if (revote === 'last' || !countedOf.has(r.owner!)) countedOf.set(r.owner!, r.channel);
	}
	for (const channel of countedOf.values()) out[channel].counted++;
	return out;
}

/** The figures of a counted (or published) assembly as stored; null before counting. */
export async function loadMinutesFigures(
	db: Executor,
	assemblyId: string
): Promise<MinutesFigures | null> {
	const a = await getAssembly(db, assemblyId);
	if (!a?.resultJson || (a.state !== 'counted' && a.state !== 'published')) return null;
	const [estate, items, channels, names, cp, sigs] = await Promise.all([
		recordEstate(db, a.estateId),
		recordItems(db, assemblyId),
		channelCounts(db, assemblyId, a.revote),
		db
			.select({ role: scrutineer.role, name: scrutineer.name })
			.from(scrutineer)
			.where(eq(scrutineer.assemblyId, assemblyId))
			.orderBy(asc(scrutineer.role), asc(scrutineer.createdAt), asc(scrutineer.id)),
		latestCheckpoint(db, assemblyId),
		db
			.select()
			.from(headSignature)
			.where(eq(headSignature.assemblyId, assemblyId))
			.orderBy(asc(headSignature.by))
	]);
	return {
		format: MINUTES_FORMAT,
		estate,
		assembly: recordAssembly(a),
		items,
		result: JSON.parse(a.resultJson) as Result,
		channels,
		scrutineers: names,
		checkpoint: cp ? { treeSize: cp.treeSize, root: cp.root, at: cp.at.toISOString() } : null,
		signatures: sigs.map((s) => ({
			by: s.by,
			alg: 'ed25519',
			publicKey: s.publicKey,
			signature: s.signature
		}))
	};
}
