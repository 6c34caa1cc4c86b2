import { and, asc, desc, eq } from 'drizzle-orm';
import type { Choice } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { ledgerEntry, meetingItem } from '../db/schema';

export type MeetingGateCode = 'ballot.noItemOpen' | 'ballot.itemNotOpen';

/** Where a meeting-form assembly stands: not started (no item opened yet), an item open, or between. */
export async function meetingProgress(
	db: Executor,
	assemblyId: string
): Promise<{ started: boolean; open: string | null; closed: string[] }> {
	const rows = await db
		.select({ key: meetingItem.itemKey, closedAt: meetingItem.closedAt })
		.from(meetingItem)
		.where(eq(meetingItem.assemblyId, assemblyId))
		.orderBy(asc(meetingItem.openedAt));
	return {
		started: rows.length > 0,
		open: rows.find((r) => !r.closedAt)?.key ?? null,
		closed: rows.filter((r) => r.closedAt).map((r) => r.key)
	};
}

/**
 * The items a ballot may name now, on any channel: every item before the meeting starts, only the
 * open one while it runs (none between items). `meeting` is null outside a running meeting.
 */
export async function itemsVotableNow<T extends { id: string }>(
	db: Executor,
	a: { id: string; form: string },
	items: readonly T[]
): Promise<{ items: T[]; meeting: { open: string | null } | null }> {
	if (a.form !== 'meeting') return { items: [...items], meeting: null };
	const m = await meetingProgress(db, a.id);
	if (!m.started) return { items: [...items], meeting: null };
	return { items: items.filter((i) => i.id === m.open), meeting: { open: m.open } };
}

/**
 * During an on-site meeting (from the first item staff open) a ballot may name only the item open
 * now. Before the meeting, owners who cannot come vote on every item as in a written assembly.
 *
 * A ballot in the ledger holds all of an owner's choices and the revote rule counts one ballot per
 * owner, so under revote "last" the choices of the owner's latest ballot for the other items are
 * carried into the new one unchanged: voting on the second item keeps the vote on the first. (Under
 * "first" the sequencer refuses any second ballot anyway.)
 */
export async function meetingChoices(
	db: Executor,
	a: { id: string; revote: 'last' | 'first' },
	pseudonym: string,
	choices: Record<string, Choice>
): Promise<
	| { ok: true; choices: Record<string, Choice> }
	| { ok: false; code: MeetingGateCode; item?: string }
> {
	const m = await meetingProgress(db, a.id);
	if (!m.started) return { ok: true, choices };
	if (!m.open) return { ok: false, code: 'ballot.noItemOpen' };
	const keys = Object.keys(choices);
	if (keys.length !== 1 || keys[0] !== m.open)
		return { ok: false, code: 'ballot.itemNotOpen', item: m.open };
	if (a.revote !== 'last') return { ok: true, choices };
	const [prev] = await db
		.select({ body: ledgerEntry.body })
		.from(ledgerEntry)
		.where(
			and(
				eq(ledgerEntry.assemblyId, a.id),
				eq(ledgerEntry.owner, pseudonym),
				eq(ledgerEntry.type, 'ballot')
			)
		)
		.orderBy(desc(ledgerEntry.seq))
		.limit(1);
	const before = prev ? (JSON.parse(prev.body).choices as Record<string, Choice>) : {};
	return { ok: true, choices: { ...before, ...choices } };
}
