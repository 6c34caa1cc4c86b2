import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { assemblyVoter, building, owner, unit } from '../db/schema';
import { countedKindsOf } from '../roll/settings';

export interface PaperOwner {
	ownerId: string;
	name: string;
	units: { building: string; label: string; areaHundredths: bigint }[];
}

/**
 * The owners a paper ballot goes to: the frozen voters once voting opened, else the roll's owners
 * of counted units; optionally one building (an owner with units in several gets theirs in each).
 */
export async function paperOwners(
	db: Executor,
	a: { id: string; estateId: string; state: string },
	opts: { buildingId?: string | null; ownerIds?: string[] } = {}
): Promise<PaperOwner[]> {
	const kinds = await countedKindsOf(db, a.estateId);
	const where = [eq(unit.estateId, a.estateId), inArray(unit.kind, kinds)];
	if (opts.buildingId) where.push(eq(unit.buildingId, opts.buildingId));
	if (opts.ownerIds) where.push(inArray(unit.ownerId, opts.ownerIds.length ? opts.ownerIds : ['']));
	const rows = await db
		.select({
			ownerId: owner.id,
			name: owner.name,
			building: building.name,
			label: unit.label,
			area: unit.areaHundredths
		})
		.from(unit)
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(and(...where))
		.orderBy(asc(building.name), asc(unit.label));
	let voters: Set<string> | null = null;
	if (a.state !== 'announced') {
		const v = await db
			.select({ id: assemblyVoter.ownerId })
			.from(assemblyVoter)
			.where(eq(assemblyVoter.assemblyId, a.id));
		voters = new Set(v.map((r) => r.id));
	}
	const out = new Map<string, PaperOwner>();
	for (const r of rows) {
		if (voters && !voters.has(r.ownerId)) continue;
		const o = out.get(r.ownerId) ?? { ownerId: r.ownerId, name: r.name, units: [] };
		o.units.push({ building: r.building, label: r.label, areaHundredths: r.area });
		out.set(r.ownerId, o);
	}
	return [...out.values()];
}
