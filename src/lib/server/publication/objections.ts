import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { account, building, owner, rollObjection, unit } from '../db/schema';
import { newId } from '../ids';
import { lockEstatePublication } from './publish';
import { currentPublication } from './state';

export const OBJECTION_TEXT = { min: 5, max: 500 };
export const ANSWER_TEXT = { min: 2, max: 1000 };
/** Open objections one account may have on one publication; keeps a single user from flooding staff. */
export const MAX_OPEN_PER_ACCOUNT = 20;

export type Objection = typeof rollObjection.$inferSelect;

function length(s: string): number {
	return Array.from(s).length;
}

export type FileResult =
	| { ok: true; objection: Objection }
	| {
			ok: false;
			code:
				| 'objection.textLength'
				| 'objection.unitUnknown'
				| 'objection.notOwner'
				| 'objection.notPublished'
				| 'objection.periodOver'
				| 'objection.tooMany';
	  };

/** An owner objects to a unit of their own estate's published roll, within the objection period. */
export async function fileObjection(
	db: Db,
	input: { accountId: string; ownerId: string; unitId: string; text: string; now?: Date }
): Promise<FileResult> {
	const now = input.now ?? new Date();
	const text = input.text.trim();
	if (length(text) < OBJECTION_TEXT.min || length(text) > OBJECTION_TEXT.max)
		return { ok: false, code: 'objection.textLength' };
	return db.transaction(async (tx) => {
		const [u] = await tx.select().from(unit).where(eq(unit.id, input.unitId));
		if (!u) return { ok: false, code: 'objection.unitUnknown' } as const;
		const [o] = await tx.select().from(owner).where(eq(owner.id, input.ownerId));
		if (!o || o.estateId !== u.estateId) return { ok: false, code: 'objection.notOwner' } as const;
		await lockEstatePublication(tx, u.estateId);
		const pub = await currentPublication(tx, u.estateId);
		if (!pub || pub.state !== 'published')
			return { ok: false, code: 'objection.notPublished' } as const;
		if (now.getTime() > pub.objectionsUntil.getTime())
			return { ok: false, code: 'objection.periodOver' } as const;
		const [{ n }] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(rollObjection)
			.where(
				and(
					eq(rollObjection.publicationId, pub.id),
					eq(rollObjection.filedBy, input.accountId),
					eq(rollObjection.state, 'open')
				)
			);
		if (n >= MAX_OPEN_PER_ACCOUNT) return { ok: false, code: 'objection.tooMany' } as const;
		const [objection] = await tx
			.insert(rollObjection)
			.values({
				id: newId('obj'),
				publicationId: pub.id,
				estateId: u.estateId,
				unitId: u.id,
				filedBy: input.accountId,
				text,
				createdAt: now
			})
			.returning();
		await appendAudit(
			tx,
			{
				scope: u.estateId,
				actorId: input.accountId,
				action: 'objection.filed',
				subject: objection.id,
				after: { publication: pub.id, unit: u.id, text }
			},
			now
		);
		return { ok: true, objection };
	});
}

export type AnswerResult =
	| { ok: true; objection: Objection }
	| {
			ok: false;
			code: 'objection.answerLength' | 'objection.notFound' | 'objection.alreadyAnswered';
	  };

/** Staff resolve an open objection with a written answer the owner and oversight can read. */
export async function answerObjection(
	db: Db,
	input: { estateId: string; objectionId: string; actorId: string; answer: string; now?: Date }
): Promise<AnswerResult> {
	const now = input.now ?? new Date();
	const answer = input.answer.trim();
	if (length(answer) < ANSWER_TEXT.min || length(answer) > ANSWER_TEXT.max)
		return { ok: false, code: 'objection.answerLength' };
	return db.transaction(async (tx) => {
		await lockEstatePublication(tx, input.estateId);
		const where = and(
			eq(rollObjection.id, input.objectionId),
			eq(rollObjection.estateId, input.estateId)
		);
		const [before] = await tx.select().from(rollObjection).where(where);
		if (!before) return { ok: false, code: 'objection.notFound' } as const;
		if (before.state !== 'open') return { ok: false, code: 'objection.alreadyAnswered' } as const;
		const [objection] = await tx
			.update(rollObjection)
			.set({ state: 'resolved', answer, answeredBy: input.actorId, answeredAt: now })
			.where(where)
			.returning();
		await appendAudit(
			tx,
			{
				scope: input.estateId,
				actorId: input.actorId,
				action: 'objection.answered',
				subject: objection.id,
				before: { state: 'open' },
				after: { state: 'resolved', answer }
			},
			now
		);
		return { ok: true, objection };
	});
}

/** Objections with their unit, newest first; `filedBy` narrows to one owner's own objections. */
export async function listObjections(
	db: Executor,
	filter: { estateId: string; publicationId?: string; filedBy?: string }
) {
	const conds = [eq(rollObjection.estateId, filter.estateId)];
	if (filter.publicationId) conds.push(eq(rollObjection.publicationId, filter.publicationId));
	if (filter.filedBy) conds.push(eq(rollObjection.filedBy, filter.filedBy));
	return db
		.select({
			id: rollObjection.id,
			publicationId: rollObjection.publicationId,
			building: building.name,
			label: unit.label,
			text: rollObjection.text,
			state: rollObjection.state,
			answer: rollObjection.answer,
			answeredAt: rollObjection.answeredAt,
			createdAt: rollObjection.createdAt,
			filedBy: account.displayName
		})
		.from(rollObjection)
		.innerJoin(unit, eq(unit.id, rollObjection.unitId))
		.innerJoin(building, eq(building.id, unit.buildingId))
		.innerJoin(account, eq(account.id, rollObjection.filedBy))
		.where(and(...conds))
		.orderBy(desc(rollObjection.createdAt), asc(rollObjection.id));
}

/** Open objections of a publication; freezing waits until this is 0. */
export async function openObjectionCount(db: Executor, publicationId: string): Promise<number> {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(rollObjection)
		.where(and(eq(rollObjection.publicationId, publicationId), eq(rollObjection.state, 'open')));
	return n;
}
