import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { lockKey } from '../db/lock-key';
import { estateSetting, resultAnnouncement, resultObjection, resultRecount } from '../db/schema';
import { resultStage } from './stage';

const DAY_MS = 86_400_000;
export const DEFAULT_ANNOUNCEMENT_DAYS = 7;

/** Objections and confirmation of one assembly's result change one at a time. */
export async function lockAnnouncement(tx: Executor, assemblyId: string): Promise<void> {
	await lockKey(tx, 'announce:' + assemblyId);
}

/** Publishing a counted result opens its announcement period (estate setting, 7 days unless changed). */
export async function openAnnouncement(
	tx: Executor,
	a: { id: string; estateId: string },
	actorId: string | null,
	now: Date
): Promise<void> {
	const [s] = await tx
		.select({ days: estateSetting.announcementDays })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, a.estateId));
	const days = s?.days ?? DEFAULT_ANNOUNCEMENT_DAYS;
	const objectionsUntil = new Date(now.getTime() + days * DAY_MS);
	await tx.insert(resultAnnouncement).values({
		assemblyId: a.id,
		estateId: a.estateId,
		publishedAt: now,
		objectionsUntil,
		publishedBy: actorId
	});
	await appendAudit(
		tx,
		{
			scope: a.estateId,
			actorId,
			action: 'result.announced',
			subject: a.id,
			after: { objectionsUntil: objectionsUntil.toISOString(), days }
		},
		now
	);
}

export async function openObjectionCount(db: Executor, assemblyId: string): Promise<number> {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(resultObjection)
		.where(and(eq(resultObjection.assemblyId, assemblyId), eq(resultObjection.state, 'open')));
	return n;
}

export async function lastRecount(db: Executor, assemblyId: string) {
	const [r] = await db
		.select()
		.from(resultRecount)
		.where(eq(resultRecount.assemblyId, assemblyId))
		.orderBy(desc(resultRecount.at))
		.limit(1);
	return r ?? null;
}

/** The stage of one assembly's result as stored now (see `resultStage`). */
export async function stageOf(db: Executor, assemblyId: string, now: Date) {
	const [announced] = await db
		.select()
		.from(resultAnnouncement)
		.where(eq(resultAnnouncement.assemblyId, assemblyId));
	const [open, recount] = await Promise.all([
		openObjectionCount(db, assemblyId),
		lastRecount(db, assemblyId)
	]);
	const stage = resultStage({
		announced: announced ?? null,
		openObjections: open,
		lastRecount: recount?.outcome ?? null,
		now
	});
	return { stage, announced: announced ?? null, openObjections: open, recount };
}

/**
 * Records (and audits) the confirmation of a result whose stage has become final; inside the
 * caller's transaction, after anything that may have made it final.
 */
export async function confirmIfFinal(
	tx: Executor,
	assemblyId: string,
	now: Date
): Promise<boolean> {
	const s = await stageOf(tx, assemblyId, now);
	if (s.stage !== 'final' || !s.announced || s.announced.confirmedAt) return false;
	await tx
		.update(resultAnnouncement)
		.set({ confirmedAt: now })
		.where(eq(resultAnnouncement.assemblyId, assemblyId));
	await appendAudit(
		tx,
		{ scope: s.announced.estateId, actorId: null, action: 'result.confirmed', subject: assemblyId },
		now
	);
	return true;
}

/** The timer's sweep: every announcement whose period has ended is confirmed when it is final. */
export async function confirmDue(db: Db, now = new Date()): Promise<number> {
	const due = await db
		.select({ id: resultAnnouncement.assemblyId })
		.from(resultAnnouncement)
		.where(
			and(isNull(resultAnnouncement.confirmedAt), lte(resultAnnouncement.objectionsUntil, now))
		);
	let n = 0;
	for (const { id } of due) {
		const done = await db.transaction(async (tx) => {
			await lockAnnouncement(tx, id);
			return confirmIfFinal(tx, id, now);
		});
		if (done) n++;
	}
	return n;
}
