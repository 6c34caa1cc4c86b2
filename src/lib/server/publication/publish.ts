import { and, eq } from 'drizzle-orm';
import { lockKey } from '../db/lock-key';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { estateSetting, rollPublication } from '../db/schema';
import { newId } from '../ids';
import { rollHash, rollRows } from './published-roll';
import { currentPublication, type Publication } from './state';

export const MIN_OBJECTION_DAYS = 7;
export const MAX_OBJECTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Publications of one estate change one at a time (PGlite serialises anyway; PostgreSQL needs it). */
export async function lockEstatePublication(tx: Executor, estateId: string): Promise<void> {
	await lockKey(tx, 'pub:' + estateId);
}

/** The estate's configured objection period in days (7 unless staff changed the setting). */
export async function defaultObjectionDays(db: Executor, estateId: string): Promise<number> {
	const [s] = await db
		.select({ days: estateSetting.objectionDays })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, estateId));
	return s?.days ?? MIN_OBJECTION_DAYS;
}

export type PublishResult =
	| { ok: true; publication: Publication }
	| {
			ok: false;
			code:
				| 'publication.daysRange'
				| 'publication.alreadyPublished'
				| 'publication.alreadyFrozen'
				| 'publication.emptyRoll';
	  };

/** Publishes the current roll for objections until `now + days`; one live publication per estate. */
export async function publishRoll(
	db: Db,
	input: { estateId: string; actorId: string; days?: number; now?: Date }
): Promise<PublishResult> {
	const now = input.now ?? new Date();
	return db.transaction(async (tx) => {
		const days = input.days ?? (await defaultObjectionDays(tx, input.estateId));
		if (!Number.isInteger(days) || days < MIN_OBJECTION_DAYS || days > MAX_OBJECTION_DAYS)
			return { ok: false, code: 'publication.daysRange' } as const;
		await lockEstatePublication(tx, input.estateId);
		const live = await currentPublication(tx, input.estateId);
		if (live?.state === 'published') return { ok: false, code: 'publication.alreadyPublished' };
		if (live?.state === 'frozen') return { ok: false, code: 'publication.alreadyFrozen' };
		const rows = await rollRows(tx, input.estateId);
		if (rows.length === 0) return { ok: false, code: 'publication.emptyRoll' };
		const [publication] = await tx
			.insert(rollPublication)
			.values({
				id: newId('pub'),
				estateId: input.estateId,
				state: 'published',
				publishedAt: now,
				objectionsUntil: new Date(now.getTime() + days * DAY_MS),
				publishedBy: input.actorId,
				rollHash: rollHash(rows)
			})
			.returning();
		await appendAudit(
			tx,
			{
				scope: input.estateId,
				actorId: input.actorId,
				action: 'roll.published',
				subject: publication.id,
				after: {
					rollHash: publication.rollHash,
					units: rows.length,
					days,
					objectionsUntil: publication.objectionsUntil.toISOString()
				}
			},
			now
		);
		return { ok: true, publication };
	});
}

export type WithdrawResult =
	| { ok: true; publication: Publication }
	| { ok: false; code: 'publication.notFound' | 'publication.notPublished' };

/** Withdraws a publication that is not frozen yet, so staff can correct the roll and publish again. */
export async function withdrawPublication(
	db: Db,
	input: { estateId: string; publicationId: string; actorId: string; now?: Date }
): Promise<WithdrawResult> {
	const now = input.now ?? new Date();
	return db.transaction(async (tx) => {
		await lockEstatePublication(tx, input.estateId);
		const where = and(
			eq(rollPublication.id, input.publicationId),
			eq(rollPublication.estateId, input.estateId)
		);
		const [pub] = await tx.select().from(rollPublication).where(where);
		if (!pub) return { ok: false, code: 'publication.notFound' } as const;
		if (pub.state !== 'published') return { ok: false, code: 'publication.notPublished' } as const;
		const [publication] = await tx
			.update(rollPublication)
			.set({ state: 'withdrawn' })
			.where(where)
			.returning();
		await appendAudit(
			tx,
			{
				scope: input.estateId,
				actorId: input.actorId,
				action: 'roll.publicationWithdrawn',
				subject: pub.id,
				before: { state: pub.state },
				after: { state: 'withdrawn' }
			},
			now
		);
		return { ok: true, publication };
	});
}
