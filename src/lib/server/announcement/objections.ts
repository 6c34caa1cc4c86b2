import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import {
	account,
	assembly,
	owner,
	resultAnnouncement,
	resultObjection,
	resultObjectionRead
} from '../db/schema';
import { newId } from '../ids';
import { removeUpload } from '../registration/uploads';
import { checkAttachment, saveAttachment } from './attachment';
import { confirmIfFinal, lockAnnouncement } from './announce';

export const OBJECTION_TEXT = { min: 5, max: 2000 };
export const ANSWER_TEXT = { min: 2, max: 2000 };
/** Open objections one account may have on one result; keeps a single user from flooding staff. */
export const MAX_OPEN_PER_ACCOUNT = 10;

const length = (s: string) => Array.from(s).length;

export type ResultObjection = typeof resultObjection.$inferSelect;
export type FileCode =
	| 'objection.textLength'
	| 'objection.notOwner'
	| 'objection.notAnnounced'
	| 'objection.periodOver'
	| 'objection.tooMany'
	| 'objection.attachmentSize'
	| 'objection.attachmentType';

export interface FileInput {
	assemblyId: string;
	accountId: string;
	ownerId: string;
	text: string;
	attachment?: Uint8Array | null;
	now?: Date;
}

/**
 * Any owner of the estate objects to the announced result within the period, with an optional
 * photo or PDF; the file is written first and removed again when the row is not.
 */
export async function fileResultObjection(
	db: Db,
	input: FileInput
): Promise<{ ok: true; objection: ResultObjection } | { ok: false; code: FileCode }> {
	const now = input.now ?? new Date();
	const text = input.text.trim();
	if (length(text) < OBJECTION_TEXT.min || length(text) > OBJECTION_TEXT.max)
		return { ok: false, code: 'objection.textLength' };
	const bytes = input.attachment?.length ? input.attachment : null;
	const check = bytes ? checkAttachment(bytes) : null;
	if (check && !check.ok) return check;
	const [a] = await db
		.select({ estateId: assembly.estateId })
		.from(assembly)
		.where(eq(assembly.id, input.assemblyId));
	if (!a) return { ok: false, code: 'objection.notAnnounced' };
	const path = bytes && check?.ok ? await saveAttachment(a.estateId, bytes, check.kind) : null;
	try {
		const r = await db.transaction(async (tx) => {
			await lockAnnouncement(tx, input.assemblyId);
			const [o] = await tx.select().from(owner).where(eq(owner.id, input.ownerId));
			if (!o || o.estateId !== a.estateId)
				return { ok: false, code: 'objection.notOwner' } as const;
			const [ann] = await tx
				.select()
				.from(resultAnnouncement)
				.where(eq(resultAnnouncement.assemblyId, input.assemblyId));
			if (!ann) return { ok: false, code: 'objection.notAnnounced' } as const;
			if (now.getTime() >= ann.objectionsUntil.getTime())
				return { ok: false, code: 'objection.periodOver' } as const;
			const [{ n }] = await tx
				.select({ n: sql<number>`count(*)::int` })
				.from(resultObjection)
				.where(
					and(
						eq(resultObjection.assemblyId, input.assemblyId),
						eq(resultObjection.filedBy, input.accountId),
						eq(resultObjection.state, 'open')
					)
				);
			if (n >= MAX_OPEN_PER_ACCOUNT) return { ok: false, code: 'objection.tooMany' } as const;
			const [objection] = await tx
				.insert(resultObjection)
				.values({
					id: newId('robj'),
					assemblyId: input.assemblyId,
					estateId: a.estateId,
					filedBy: input.accountId,
					ownerId: input.ownerId,
					text,
					attachmentPath: path,
					attachmentType: check?.ok ? check.kind.type : null,
					attachmentSize: bytes?.length ?? null,
					createdAt: now
				})
				.returning();
			// The text is personal and may name people: the trail keeps its length, not its words.
			await appendAudit(
				tx,
				{
					scope: a.estateId,
					actorId: input.accountId,
					action: 'result.objectionFiled',
					subject: objection.id,
					after: { assembly: input.assemblyId, chars: length(text), attachment: !!path }
				},
				now
			);
			return { ok: true, objection } as const;
		});
		if (!r.ok && path) await removeUpload(path);
		return r;
	} catch (e) {
		if (path) await removeUpload(path);
		throw e;
	}
}

export type AnswerCode =
	'objection.answerLength' | 'objection.notFound' | 'objection.alreadyAnswered';

/** Staff answer an open objection in writing; the last answer after the period makes the result final. */
export async function answerResultObjection(
	db: Db,
	input: { estateId: string; objectionId: string; actorId: string; answer: string; now?: Date }
): Promise<{ ok: true } | { ok: false; code: AnswerCode }> {
	const now = input.now ?? new Date();
	const answer = input.answer.trim();
	if (length(answer) < ANSWER_TEXT.min || length(answer) > ANSWER_TEXT.max)
		return { ok: false, code: 'objection.answerLength' };
	return db.transaction(async (tx) => {
		const where = and(
			eq(resultObjection.id, input.objectionId),
			eq(resultObjection.estateId, input.estateId)
		);
		const [found] = await tx.select().from(resultObjection).where(where);
		if (!found) return { ok: false, code: 'objection.notFound' } as const;
		await lockAnnouncement(tx, found.assemblyId);
		const [before] = await tx.select().from(resultObjection).where(where);
		if (before.state !== 'open') return { ok: false, code: 'objection.alreadyAnswered' } as const;
		await tx
			.update(resultObjection)
			.set({ state: 'answered', answer, answeredBy: input.actorId, answeredAt: now })
			.where(where);
		await appendAudit(
			tx,
			{
				scope: input.estateId,
				actorId: input.actorId,
				action: 'result.objectionAnswered',
				subject: found.id,
				before: { state: 'open' },
				after: { state: 'answered', assembly: found.assemblyId, chars: length(answer) }
			},
			now
		);
		await confirmIfFinal(tx, found.assemblyId, now);
		return { ok: true } as const;
	});
}

/** Oversight marks an objection as read; reading twice changes nothing. */
export async function markObjectionRead(
	db: Executor,
	objectionId: string,
	accountId: string,
	now = new Date()
): Promise<void> {
	await db
		.insert(resultObjectionRead)
		.values({ objectionId, accountId, at: now })
		.onConflictDoNothing();
}

/**
 * Objections of one result, oldest first; `filedBy` narrows to one owner's own, `reader` adds
 * whether that oversight account has read each one.
 */
export async function listResultObjections(
	db: Executor,
	filter: { assemblyId: string; filedBy?: string; reader?: string }
) {
	const conds = [eq(resultObjection.assemblyId, filter.assemblyId)];
	if (filter.filedBy) conds.push(eq(resultObjection.filedBy, filter.filedBy));
	const rows = await db
		.select({
			id: resultObjection.id,
			text: resultObjection.text,
			state: resultObjection.state,
			answer: resultObjection.answer,
			answeredAt: resultObjection.answeredAt,
			createdAt: resultObjection.createdAt,
			attachmentType: resultObjection.attachmentType,
			attachmentSize: resultObjection.attachmentSize,
			filedBy: account.displayName
		})
		.from(resultObjection)
		.innerJoin(account, eq(account.id, resultObjection.filedBy))
		.where(and(...conds))
		.orderBy(asc(resultObjection.createdAt), asc(resultObjection.id));
	const read = filter.reader
		? new Set(
				(
					await db
						.select({ id: resultObjectionRead.objectionId })
						.from(resultObjectionRead)
						.innerJoin(resultObjection, eq(resultObjection.id, resultObjectionRead.objectionId))
						.where(
							and(
								eq(resultObjection.assemblyId, filter.assemblyId),
								eq(resultObjectionRead.accountId, filter.reader)
							)
						)
				).map((r) => r.id)
			)
		: null;
	return rows.map((r) => ({ ...r, read: read ? read.has(r.id) : null }));
}

/** One objection's stored attachment, for the guarded download. */
export async function objectionAttachment(db: Executor, assemblyId: string, objectionId: string) {
	const [row] = await db
		.select()
		.from(resultObjection)
		.where(and(eq(resultObjection.id, objectionId), eq(resultObjection.assemblyId, assemblyId)))
		.orderBy(desc(resultObjection.createdAt));
	return row ?? null;
}
