import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import {
	assemblyItem,
	assemblyVoter,
	meetingCheckin,
	meetingItem,
	meetingScreen
} from '../db/schema';
import { appendAudit } from '../audit';
import { emitLedgerEvent } from '../ballots/events';
import { randomHex } from '../ids';
import { getAssembly } from '../ledger/parts';

export type MeetingCode =
	| 'meeting.notFound'
	| 'meeting.notMeeting'
	| 'meeting.state'
	| 'meeting.notOnRoll'
	| 'meeting.already'
	| 'meeting.itemOpen'
	| 'meeting.itemDone'
	| 'meeting.noItem';
export type CheckinVia = 'qr' | 'letter' | 'search' | 'phone';
export type MeetingResult = { ok: true } | { ok: false; code: MeetingCode };

/** Watchers (the projector) hear of every meeting step through the live room, after commit. */
const tell = (assemblyId: string, state: string) =>
	emitLedgerEvent({ type: 'state', assemblyId, state });

async function meetingOf(db: Db, assemblyId: string) {
	const a = await getAssembly(db, assemblyId);
	if (!a) return { ok: false, code: 'meeting.notFound' } as const;
	if (a.form !== 'meeting') return { ok: false, code: 'meeting.notMeeting' } as const;
	return { ok: true, a } as const;
}

type Assembly = NonNullable<Awaited<ReturnType<typeof getAssembly>>>;
type StepOutcome = { ok: true; after: Record<string, unknown> } | { ok: false; code: MeetingCode };

/**
 * One audited step of a meeting: the assembly must be a meeting (and open, where asked); `body`
 * does the step's writes in one transaction with the audit entry; watchers hear of it after commit.
 */
async function meetingStep(
	db: Db,
	step: { assemblyId: string; staffId: string; action: string; needsOpen: boolean },
	now: Date,
	body: (tx: Tx, a: Assembly) => Promise<StepOutcome>
): Promise<MeetingResult> {
	const m = await meetingOf(db, step.assemblyId);
	if (!m.ok) return m;
	if (step.needsOpen && m.a.state !== 'open') return { ok: false, code: 'meeting.state' };
	const r = await db.transaction(async (tx): Promise<MeetingResult> => {
		const out = await body(tx, m.a);
		if (!out.ok) return out;
		await appendAudit(
			tx,
			{
				scope: m.a.estateId,
				actorId: step.staffId,
				action: step.action,
				subject: m.a.id,
				after: out.after
			},
			now
		);
		return { ok: true };
	});
	if (r.ok) tell(m.a.id, m.a.state);
	return r;
}

/** Check-in at the door, once per owner; the owner must be a voter frozen at open. */
export function checkIn(
	db: Db,
	input: { assemblyId: string; staffId: string; ownerId: string; via: CheckinVia },
	now = new Date()
): Promise<MeetingResult> {
	const step = { ...input, action: 'meeting.checkin', needsOpen: true };
	return meetingStep(db, step, now, async (tx, a) => {
		const [v] = await tx
			.select({ id: assemblyVoter.ownerId })
			.from(assemblyVoter)
			.where(and(eq(assemblyVoter.assemblyId, a.id), eq(assemblyVoter.ownerId, input.ownerId)));
		if (!v) return { ok: false, code: 'meeting.notOnRoll' };
		const done = await tx
			.insert(meetingCheckin)
			.values({
				assemblyId: a.id,
				ownerId: input.ownerId,
				via: input.via,
				checkedInBy: input.staffId,
				at: now
			})
			.onConflictDoNothing()
			.returning({ id: meetingCheckin.ownerId });
		if (!done.length) return { ok: false, code: 'meeting.already' };
		return { ok: true, after: { via: input.via } };
	});
}

/** Staff open one item at a time and close it before the next. */
export function openItem(
	db: Db,
	input: { assemblyId: string; staffId: string; itemKey: string },
	now = new Date()
): Promise<MeetingResult> {
	const step = { ...input, action: 'meeting.openItem', needsOpen: true };
	return meetingStep(db, step, now, async (tx, a) => {
		const [item] = await tx
			.select({ key: assemblyItem.key })
			.from(assemblyItem)
			.where(and(eq(assemblyItem.assemblyId, a.id), eq(assemblyItem.key, input.itemKey)));
		if (!item) return { ok: false, code: 'meeting.noItem' };
		const rows = await tx.select().from(meetingItem).where(eq(meetingItem.assemblyId, a.id));
		if (rows.some((x) => !x.closedAt)) return { ok: false, code: 'meeting.itemOpen' };
		if (rows.some((x) => x.itemKey === input.itemKey))
			return { ok: false, code: 'meeting.itemDone' };
		await tx
			.insert(meetingItem)
			.values({ assemblyId: a.id, itemKey: input.itemKey, openedAt: now });
		return { ok: true, after: { item: input.itemKey } };
	});
}

export function closeItem(
	db: Db,
	input: { assemblyId: string; staffId: string },
	now = new Date()
): Promise<MeetingResult> {
	const step = { ...input, action: 'meeting.closeItem', needsOpen: false };
	return meetingStep(db, step, now, async (tx, a) => {
		const closed = await tx
			.update(meetingItem)
			.set({ closedAt: now })
			.where(and(eq(meetingItem.assemblyId, a.id), isNull(meetingItem.closedAt)))
			.returning({ key: meetingItem.itemKey });
		if (!closed.length) return { ok: false, code: 'meeting.noItem' };
		return { ok: true, after: { item: closed[0].key } };
	});
}

/** The projector link's token, made on first use. */
export async function screenToken(db: Db, assemblyId: string): Promise<string> {
	await db
		.insert(meetingScreen)
		.values({ assemblyId, token: randomHex(16) })
		.onConflictDoNothing();
	const [row] = await db
		.select()
		.from(meetingScreen)
		.where(eq(meetingScreen.assemblyId, assemblyId));
	return row.token;
}
