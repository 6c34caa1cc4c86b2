import { eq } from 'drizzle-orm';
import { checkWindow, type WindowProblem } from '$lib/domain/assembly/rules';
import type { Db, Executor } from '../db/client';
import { assembly, place } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { actorHolds, estateRules, lockForEdit, type Assembly, type Locked } from './access';
import { insertItem, validateItem, type ItemError, type ItemInput } from './items';

export interface AssemblyInput {
	title: string;
	description?: string;
	form: 'written' | 'meeting';
	opensAt: Date;
	closesAt: Date;
	revote?: 'last' | 'first';
	blank?: 'abstain' | 'not_participating';
	talliesVisible?: boolean;
}

export type HeaderError = 'assembly.titleEmpty' | WindowProblem;
export type CreateResult =
	| { ok: true; assembly: Assembly }
	| { ok: false; code: HeaderError | ItemError | 'assembly.notFound'; item?: number };

async function checkHeader(
	tx: Executor,
	estateId: string,
	input: AssemblyInput,
	now: Date
): Promise<HeaderError | null> {
	if (!input.title.trim()) return 'assembly.titleEmpty';
	const { bounds } = await estateRules(tx, estateId);
	return checkWindow(input.form, input.opensAt, input.closesAt, bounds, now);
}

const header = (input: AssemblyInput) => ({
	title: input.title.trim(),
	description: (input.description ?? '').trim(),
	form: input.form,
	opensAt: input.opensAt,
	closesAt: input.closesAt,
	revote: input.revote ?? 'last',
	blank: input.blank ?? 'abstain',
	talliesVisible: input.talliesVisible ?? false
});

/** Staff create a draft assembly (业主大会会议) for their estate, optionally with its items. */
export function createAssembly(
	db: Db,
	a: { actorId: string; estateId: string; input: AssemblyInput; items?: ItemInput[]; now?: Date }
): Promise<CreateResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const [estate] = await tx.select().from(place).where(eq(place.id, a.estateId));
		if (estate?.kind !== 'estate' || !(await actorHolds(tx, a.actorId, a.estateId, ['staff'])))
			return { ok: false, code: 'assembly.notFound' } as const;
		const problem = await checkHeader(tx, a.estateId, a.input, now);
		if (problem) return { ok: false, code: problem } as const;
		const items = a.items ?? [];
		// Every item is checked before anything is written: nothing half-created.
		for (const [i, item] of items.entries()) {
			const bad = await validateItem(tx, a.estateId, item);
			if (bad) return { ok: false, code: bad, item: i } as const;
		}
		const [row] = await tx
			.insert(assembly)
			.values({ id: newId('asm'), estateId: a.estateId, createdBy: a.actorId, ...header(a.input) })
			.returning();
		const audit = { scope: a.estateId, actorId: a.actorId, subject: row.id };
		await appendAudit(tx, { ...audit, action: 'assembly.create', after: header(a.input) }, now);
		for (const item of items) await insertItem(tx, row, a.actorId, item, now);
		return { ok: true, assembly: row } as const;
	});
}

export type UpdateResult =
	{ ok: true; assembly: Assembly } | { ok: false; code: HeaderError | Locked };

/** Staff change title, form, window or rules while the assembly is a draft or returned. */
export function updateAssembly(
	db: Db,
	a: { actorId: string; assemblyId: string; input: AssemblyInput; now?: Date }
): Promise<UpdateResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const before = locked.assembly;
		const problem = await checkHeader(tx, before.estateId, a.input, now);
		if (problem) return { ok: false, code: problem } as const;
		const next = header(a.input);
		const [row] = await tx.update(assembly).set(next).where(eq(assembly.id, before.id)).returning();
		await appendAudit(
			tx,
			{
				scope: before.estateId,
				actorId: a.actorId,
				action: 'assembly.update',
				subject: before.id,
				before: header(before),
				after: next
			},
			now
		);
		return { ok: true, assembly: row } as const;
	});
}
