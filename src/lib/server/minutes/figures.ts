import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Assembly, Channel, Estate, Item, Result, Signature } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly, headSignature, ledgerEntry, scrutineer } from '../db/schema';
import { latestCheckpoint } from '../ledger/checkpoints';
import { recordAssembly, recordEstate, recordItems } from '../ledger/parts';
import { ruleSetOf } from '../legal/rule-set';
import type { RuleSetId } from '../../domain/legal/rule-sets';

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
	/** The estate's legal rule set when the minutes were made: the sources the minutes cite. */
	ruleSet?: RuleSetId;
	assembly: Assembly;
	items: Item[];
	result: Result;
	channels: Record<string, ChannelCount>;
	scrutineers: { role: 'supervisor' | 'counter'; name: string }[];
	checkpoint: { treeSize: number; root: string; at: string } | null;
	signatures: Signature[];
}

/** Ballots by channel, read from the ledger entries' `channel` (docs/record-format.md § Channels). */
export async function channelCounts(
	db: Executor,
	assemblyId: string,
	revote: 'last' | 'first'
): Promise<Record<string, ChannelCount>> {
	// Canonical JSON sorts the keys: "at" then "channel" open every ballot body, so the first 100
	// characters hold the channel (split_part is four times faster than a regular expression
	// here). The counted ballot of an owner is their last (or first) by seq, as the rules say.
	const order = revote === 'last' ? sql`seq desc` : sql`seq asc`;
	const rows = await db.execute<{ channel: string; received: number; counted: number }>(sql`
		with b as (
			select ${ledgerEntry.owner} as owner, ${ledgerEntry.seq} as seq,
				split_part(split_part(substr(${ledgerEntry.body}, 1, 100), '"channel":"', 2), '"', 1) as channel
			from ${ledgerEntry}
			where ${ledgerEntry.assemblyId} = ${assemblyId} and ${ledgerEntry.type} = 'ballot'
		),
		c as (select distinct on (owner) channel from b order by owner, ${order})
		select r.channel, r.n::int as received, coalesce(k.n, 0)::int as counted
		from (select channel, count(*) as n from b group by channel) r
		left join (select channel, count(*) as n from c group by channel) k on k.channel = r.channel`);
	const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: typeof rows }).rows;
	const out: Record<string, ChannelCount> = {};
	for (const c of CHANNELS) out[c] = { received: 0, counted: 0 };
	for (const r of list as unknown as { channel: string; received: number; counted: number }[])
		out[r.channel] = { received: Number(r.received), counted: Number(r.counted) };
	return out;
}

/** The figures of a counted (or published) assembly as stored; null before counting. */
export async function loadMinutesFigures(
	db: Executor,
	assemblyId: string
): Promise<MinutesFigures | null> {
	// Not the whole row: the frozen roll (roll_json) of a large estate is megabytes the minutes never need.
	const [a] = await db
		.select({ ...getTableColumns(assembly), rollJson: sql<null>`null` })
		.from(assembly)
		.where(eq(assembly.id, assemblyId));
	if (!a?.resultJson || (a.state !== 'counted' && a.state !== 'published')) return null;
	const [estate, ruleSet, items, channels, names, cp, sigs] = await Promise.all([
		recordEstate(db, a.estateId),
		ruleSetOf(db, a.estateId),
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
		ruleSet,
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
