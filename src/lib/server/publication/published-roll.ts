import { and, asc, eq, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { hashCanonical } from '../../domain/record/canonical';
import { maskName } from '../../domain/roll/mask';
import type { Executor } from '../db/client';
import { building, owner, unit } from '../db/schema';

export interface RollRow {
	unitId: string;
	building: string;
	label: string;
	kind: 'residence' | 'shop' | 'parking' | 'other';
	area: string;
	ownerId: string;
}

/** The roll as published: every unit sorted by building then label, areas as two-decimal strings. */
export async function rollRows(db: Executor, estateId: string): Promise<RollRow[]> {
	const rows = await db
		.select({
			unitId: unit.id,
			building: building.name,
			label: unit.label,
			kind: unit.kind,
			area: unit.areaHundredths,
			ownerId: unit.ownerId
		})
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(eq(unit.estateId, estateId));
	// Sorted in JS by code units, so the hash does not depend on the database's collation.
	return rows
		.map((r) => ({ ...r, area: formatArea(r.area) }))
		.sort((a, b) => cmp(a.building, b.building) || cmp(a.label, b.label));
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** H of the published roll (units with building, label, kind, area, owner id) — docs/record-format.md § Canonical JSON and H(x). */
export function rollHash(rows: RollRow[]): string {
	return hashCanonical(
		rows.map((r) => ({
			building: r.building,
			label: r.label,
			kind: r.kind,
			area: r.area,
			owner: r.ownerId
		}))
	);
}

export interface PublishedRollQuery {
	building?: string;
	search?: string;
	/** The owner looking: their own units come back marked `mine`. */
	viewer?: string;
	page: number;
	pageSize: number;
}

/**
 * What owners see while the roll is published: unit, kind, area and the masked owner name —
 * nothing else personal (PIPL 第51条: minimum necessary). Totals cover the whole roll.
 */
export async function publishedRoll(db: Executor, estateId: string, q: PublishedRollQuery) {
	const filters = [eq(unit.estateId, estateId)];
	if (q.building) filters.push(eq(building.name, q.building));
	// "5栋104", "5栋 104" and "104" all find 5栋 104: spaces are ignored on both sides.
	const search = q.search?.replace(/\s+/g, '');
	if (search)
		filters.push(
			sql`position(${search} in replace(${building.name} || ${unit.label}, ' ', '')) > 0`
		);
	const where = and(...filters);
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(where);
	const rows = await db
		.select({
			unitId: unit.id,
			building: building.name,
			label: unit.label,
			kind: unit.kind,
			area: unit.areaHundredths,
			ownerName: owner.name,
			ownerKind: owner.kind,
			ownerId: unit.ownerId
		})
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.where(where)
		// Shorter first, so 2栋 comes before 10栋 and 101 before 1001, as owners count.
		.orderBy(
			asc(sql`length(${building.name})`),
			asc(building.name),
			asc(sql`length(${unit.label})`),
			asc(unit.label)
		)
		.limit(q.pageSize)
		.offset((q.page - 1) * q.pageSize);
	const buildings = await db
		.select({ name: building.name })
		.from(building)
		.where(eq(building.estateId, estateId))
		.orderBy(asc(sql`length(${building.name})`), asc(building.name));
	return {
		matched: n,
		buildings: buildings.map((b) => b.name),
		units: rows.map((r) => ({
			unitId: r.unitId,
			building: r.building,
			label: r.label,
			kind: r.kind,
			area: formatArea(r.area),
			// Only the developer's placeholder name (开发商（未售房屋）) is shown as is.
			owner: r.ownerKind === 'developer' ? r.ownerName : maskName(r.ownerName),
			mine: !!q.viewer && r.ownerId === q.viewer
		}))
	};
}

/** The estate an owner belongs to, and one of its units as owners see it (for the objection form). */
export async function ownerEstate(db: Executor, ownerId: string, unitId?: string) {
	const [o] = await db
		.select({ estateId: owner.estateId })
		.from(owner)
		.where(eq(owner.id, ownerId));
	if (!o) return null;
	if (!unitId) return { estateId: o.estateId, unit: null };
	const [u] = await db
		.select({ id: unit.id, building: building.name, label: unit.label, kind: unit.kind })
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(and(eq(unit.id, unitId), eq(unit.estateId, o.estateId)));
	return { estateId: o.estateId, unit: u ?? null };
}
