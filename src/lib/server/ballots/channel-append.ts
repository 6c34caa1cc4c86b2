import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { makeBallotEntry } from '../../domain/ledger/entries';
import { precedenceProblem, type PrecedenceCode } from '../../domain/ledger/precedence';
import type { Channel, Choice } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly, ledgerEntry } from '../db/schema';
import { insertEntries, lastEntry, lockLedger } from '../ledger/store';

export type ChannelAppendResult =
	| { ok: true; seq: number; hash: string; at: string }
	| { ok: false; code: 'ballot.closed' | PrecedenceCode };

/** The channels of an owner's ballots so far, in ledger order. */
export async function channelsOf(
	tx: Executor,
	assemblyId: string,
	pseudonym: string
): Promise<Channel[]> {
	const rows = await tx
		.select({ channel: sql<Channel>`(${ledgerEntry.body}::jsonb)->>'channel'` })
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.assemblyId, assemblyId), eq(ledgerEntry.owner, pseudonym)))
		.orderBy(ledgerEntry.seq);
	return rows.map((r) => r.channel);
}

/**
 * Appends a paper or proxy ballot inside the caller's transaction, under the same ledger lock as
 * the online sequencer and the close entry, so every channel goes into one chain (the sequencer's
 * one-statement path sees the moved head through the unique `prev` and falls back to its locked
 * path). `until` is when entry for this channel ends: the window's close, or later for paper
 * received by the deadline when the assembly's rules allow it. Emit the ledger event after commit.
 */
export async function appendChannelBallot(
	tx: Executor,
	b: {
		assemblyId: string;
		pseudonym: string;
		channel: Exclude<Channel, 'online'>;
		choices: Record<string, Choice>;
		/** A running on-site meeting (see precedenceProblem). */
		meeting?: boolean;
	},
	now: Date,
	until: (closesAt: Date) => Date
): Promise<ChannelAppendResult> {
	await lockLedger(tx, b.assemblyId);
	const [a] = await tx
		.select({ state: assembly.state, closesAt: assembly.closesAt, revote: assembly.revote })
		.from(assembly)
		.where(eq(assembly.id, b.assemblyId));
	const head = await lastEntry(tx, b.assemblyId);
	if (!a || a.state !== 'open' || !head || head.type === 'close' || now >= until(a.closesAt))
		return { ok: false, code: 'ballot.closed' };
	const problem = precedenceProblem(
		b.channel,
		await channelsOf(tx, b.assemblyId, b.pseudonym),
		a.revote,
		b.meeting
	);
	if (problem) return { ok: false, code: problem };
	const at = now.toISOString();
	const entry = makeBallotEntry(head, {
		at,
		owner: b.pseudonym,
		channel: b.channel,
		choices: b.choices,
		nonce: randomBytes(16).toString('hex')
	});
	await insertEntries(tx, b.assemblyId, [entry]);
	return { ok: true, seq: entry.seq, hash: entry.hash, at };
}
