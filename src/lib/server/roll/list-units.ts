import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { formatArea } from '$lib/domain/area';
import type { Executor } from '../db/client';
import { building, owner, unit, unitCoOwner } from '../db/schema';

export interface UnitQuery {
	building?: string;
	/** Matches a unit label or an owner name (substring, case-insensitive). */
	q?: string;
	/** One unit by id. */
	id?: string;
	page?: number;
	pageSize?: number;
}

/** One unit as staff see it: phones shown, ID numbers never (only their last four). */
export interface UnitListRow {
	id: string;
	building: string;
	label: string;
	kind: string;
	area: string;
	areaSource: string;
	certificateNo: string;
	ownerId: string;
	ownerKind: string;
	ownerName: string;
	ownerIdLast4: string | null;
	ownerPhone: string | null;
	coOwners: { id: string; name: string; idLast4: string | null }[];
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/** A page of an estate's units, ordered by building and label, with the number of matches. */
export async function listUnits(db: Executor, estateId: string, query: UnitQuery = {}) {
	const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
	const page = Math.max(query.page ?? 1, 1);
	const where: SQL[] = [eq(unit.estateId, estateId)];
	if (query.id) where.push(eq(unit.id, query.id));
	if (query.building) where.push(eq(building.name, query.building));
	const q = query.q?.trim();
	if (q) where.push(or(ilike(unit.label, like(q)), ilike(owner.name, like(q)))!);
	const condition = and(...where);
	const [rows, [{ n }]] = await Promise.all([
		db
			.select({
				id: unit.id,
				building: building.name,
				label: unit.label,
				kind: unit.kind,
				area: unit.areaHundredths,
				areaSource: unit.areaSource,
				certificateNo: unit.certificateNo,
				ownerId: owner.id,
				ownerKind: owner.kind,
				ownerName: owner.name,
				ownerIdLast4: owner.idLast4,
				ownerPhone: owner.phone
			})
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.innerJoin(owner, eq(owner.id, unit.ownerId))
			.where(condition)
			.orderBy(asc(building.name), sql`length(${unit.label})`, asc(unit.label))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db
			.select({ n: sql<number>`count(*)::int` })
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.innerJoin(owner, eq(owner.id, unit.ownerId))
			.where(condition)
	]);
	const co = rows.length
		? await db
				.select({
					unitId: unitCoOwner.unitId,
					id: owner.id,
					name: owner.name,
					idLast4: owner.idLast4
				})
				.from(unitCoOwner)
				.innerJoin(owner, eq(owner.id, unitCoOwner.ownerId))
				.where(
					sql`${unitCoOwner.unitId} in (${sql.join(
						rows.map((r) => sql`${r.id}`),
						sql`, `
					)})`
				)
		: [];
	const items: UnitListRow[] = rows.map((r) => ({
		...r,
		area: formatArea(r.area),
		certificateNo: r.certificateNo ?? '',
		coOwners: co
			.filter((c) => c.unitId === r.id)
			.map(({ id, name, idLast4 }) => ({ id, name, idLast4 }))
	}));
	return { items, total: n, page, pageSize, pages: Math.max(1, Math.ceil(n / pageSize)) };
}

/** One unit for its edit page, or null outside the estate. */
export async function getUnit(db: Executor, estateId: string, unitId: string) {
	return (await listUnits(db, estateId, { id: unitId })).items[0] ?? null;
}

/** Owners whose name contains `q` (at most 20), for picking a unit's voting owner. */
export function findOwners(db: Executor, estateId: string, q: string) {
	return db
		.select({ id: owner.id, name: owner.name, kind: owner.kind, idLast4: owner.idLast4 })
		.from(owner)
		.where(and(eq(owner.estateId, estateId), ilike(owner.name, like(q.trim()))))
		.orderBy(asc(owner.name))
		.limit(20);
}

/** Building names of an estate, for the filter. */
export async function buildingNames(db: Executor, estateId: string): Promise<string[]> {
	const rows = await db
		.select({ name: building.name })
		.from(building)
		.where(eq(building.estateId, estateId));
	return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
}
