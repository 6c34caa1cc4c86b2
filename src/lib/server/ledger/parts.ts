import { and, asc, eq } from 'drizzle-orm';
import type { Assembly, Estate, Item } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly, assemblyItem, candidate } from '../db/schema';
import { listEstates } from '../places';

export type AssemblyRow = typeof assembly.$inferSelect;

/** The record's `estate` object: names as they stand (docs/record-format.md § The record's fields). */
export async function recordEstate(db: Executor, estateId: string): Promise<Estate> {
	const estates = await listEstates(db);
	const e = estates.find((x) => x.id === estateId);
	if (!e) throw new Error(`estate ${estateId} not found`);
	return { id: e.id, name: e.name, street: e.street, community: e.community };
}

/** The record's `assembly` object (docs/record-format.md § The record's fields). */
export function recordAssembly(a: AssemblyRow): Assembly {
	return {
		id: a.id,
		title: a.title,
		form: a.form,
		opensAt: a.opensAt.toISOString(),
		closesAt: a.closesAt.toISOString(),
		rules: { revote: a.revote, blank: a.blank }
	};
}

/** Items in their order; an election lists only candidates that passed vetting (联审). */
export async function recordItems(db: Executor, assemblyId: string): Promise<Item[]> {
	const items = await db
		.select()
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, assemblyId))
		.orderBy(asc(assemblyItem.position));
	const candidates = await db
		.select()
		.from(candidate)
		.where(and(eq(candidate.assemblyId, assemblyId), eq(candidate.vetting, 'approved')))
		.orderBy(asc(candidate.key));
	return items.map((i): Item => {
		if (i.type === 'resolution') {
			return { id: i.key, type: 'resolution', title: i.title, matter: i.matter };
		}
		return {
			id: i.key,
			type: 'election',
			title: i.title,
			matter: 3,
			seats: i.seats ?? 1,
			alternates: i.alternates ?? 0,
			candidates: candidates
				.filter((c) => c.itemKey === i.key)
				.map((c) => ({ id: c.key, name: c.name }))
		};
	});
}

export async function getAssembly(db: Executor, id: string): Promise<AssemblyRow | null> {
	const [row] = await db.select().from(assembly).where(eq(assembly.id, id));
	return row ?? null;
}
