import { and, eq, sql } from 'drizzle-orm';
import { checkItem, nextKey, type ItemProblem } from '$lib/domain/assembly/rules';
import type { Db, Executor } from '../db/client';
import { assemblyItem, candidate } from '../db/schema';
import { appendAudit } from '../audit';
import { lockForEdit, type Assembly, type Locked } from './access';
import {
	insertCandidate,
	validateCandidate,
	type CandidateError,
	type CandidateInput
} from './candidates';

export type ItemInput =
	| { type: 'resolution'; title: string; description?: string; matter: number }
	| {
			type: 'election';
			title: string;
			description?: string;
			seats: number;
			alternates: number;
			candidates?: CandidateInput[];
	  };
export type ItemError = ItemProblem | CandidateError;
export type Item = typeof assemblyItem.$inferSelect;

/** Checks an item and its candidates before anything is written. */
export async function validateItem(
	tx: Executor,
	estateId: string,
	item: ItemInput
): Promise<ItemError | null> {
	const bad = checkItem(item.type === 'resolution' ? item : { ...item });
	if (bad) return bad;
	if (item.type === 'election')
		for (const c of item.candidates ?? []) {
			const cb = await validateCandidate(tx, estateId, c);
			if (cb) return cb;
		}
	return null;
}

/** Writes a validated item (key r1…/e1…, next position) and its candidates, audited. */
export async function insertItem(
	tx: Executor,
	asm: Assembly,
	actorId: string,
	item: ItemInput,
	now: Date
): Promise<Item> {
	const existing = await tx
		.select({ key: assemblyItem.key, position: assemblyItem.position })
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, asm.id));
	const key = nextKey(
		item.type === 'resolution' ? 'r' : 'e',
		existing.map((e) => e.key)
	);
	const election = item.type === 'election';
	const [row] = await tx
		.insert(assemblyItem)
		.values({
			assemblyId: asm.id,
			key,
			position: existing.reduce((m, e) => Math.max(m, e.position), 0) + 1,
			type: item.type,
			title: item.title.trim(),
			description: (item.description ?? '').trim(),
			matter: election ? 3 : item.matter,
			seats: election ? item.seats : null,
			alternates: election ? item.alternates : null
		})
		.returning();
	const { assemblyId: _a, ...after } = row;
	await appendAudit(
		tx,
		{
			scope: asm.estateId,
			actorId,
			action: 'assembly.item.add',
			subject: `${asm.id}/${key}`,
			after
		},
		now
	);
	if (election)
		for (const c of item.candidates ?? []) await insertCandidate(tx, asm, actorId, key, c, now);
	return row;
}

export type AddItemResult = { ok: true; item: Item } | { ok: false; code: ItemError | Locked };

/** Staff add a resolution or an election to a draft or returned assembly. */
export function addItem(
	db: Db,
	a: { actorId: string; assemblyId: string; item: ItemInput; now?: Date }
): Promise<AddItemResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const bad = await validateItem(tx, locked.assembly.estateId, a.item);
		if (bad) return { ok: false, code: bad } as const;
		return { ok: true, item: await insertItem(tx, locked.assembly, a.actorId, a.item, now) };
	});
}

export type RemoveItemResult = { ok: true } | { ok: false; code: Locked | 'item.notFound' };

/** Removes an item and its candidates; keys of the others stay as they were. */
export function removeItem(
	db: Db,
	a: { actorId: string; assemblyId: string; key: string; now?: Date }
): Promise<RemoveItemResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const where = and(eq(assemblyItem.assemblyId, a.assemblyId), eq(assemblyItem.key, a.key));
		const [row] = await tx.delete(assemblyItem).where(where).returning();
		if (!row) return { ok: false, code: 'item.notFound' } as const;
		const gone = await tx
			.delete(candidate)
			.where(and(eq(candidate.assemblyId, a.assemblyId), eq(candidate.itemKey, a.key)))
			.returning({ key: candidate.key, name: candidate.name });
		const { assemblyId: _a, ...before } = row;
		await appendAudit(
			tx,
			{
				scope: locked.assembly.estateId,
				actorId: a.actorId,
				action: 'assembly.item.remove',
				subject: `${a.assemblyId}/${a.key}`,
				before: { ...before, candidates: gone }
			},
			now
		);
		return { ok: true } as const;
	});
}

/** Items in ballot order. */
export function itemsOf(db: Executor, assemblyId: string) {
	return db
		.select()
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, assemblyId))
		.orderBy(sql`${assemblyItem.position}`);
}
