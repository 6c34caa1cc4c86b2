import { asc, eq, sql } from 'drizzle-orm';
import { formatArea } from '$lib/domain/area';
import { UNIT_KINDS, type UnitKind } from '$lib/domain/roll';
import type { Executor } from '../db/client';
import { rowsOf } from '../db/rows';
import { building, unit } from '../db/schema';
import { countedKindsOf } from './settings';

export interface StoredRollTotals {
	units: number;
	countedUnits: number;
	/** Owners voting for at least one counted unit; the developer is one head. */
	heads: number;
	/** Area of the counted units, area string (docs/record-format.md § Conventions). */
	area: string;
	countedKinds: UnitKind[];
	byKind: { kind: UnitKind; counted: boolean; units: number; heads: number; area: string }[];
	byBuilding: {
		building: string;
		units: number;
		countedUnits: number;
		heads: number;
		area: string;
	}[];
}

/** Units, heads and area of the stored roll: overall, by kind and by building — all in SQL. */
export async function rollTotals(db: Executor, estateId: string): Promise<StoredRollTotals> {
	const counted = await countedKindsOf(db, estateId);
	const isCounted = sql`${unit.kind} in (${sql.join(
		counted.map((k) => sql`${k}`),
		sql`, `
	)})`;
	const [overall, byKindRows, byBuildingRows] = await Promise.all([
		db
			.select({
				units: sql<number>`count(*)::int`,
				countedUnits: sql<number>`count(*) filter (where ${isCounted})::int`,
				heads: sql<number>`count(distinct ${unit.ownerId}) filter (where ${isCounted})::int`,
				area: sql<string>`coalesce(sum(${unit.areaHundredths}) filter (where ${isCounted}), 0)::text`
			})
			.from(unit)
			.where(eq(unit.estateId, estateId)),
		db
			.select({
				kind: unit.kind,
				units: sql<number>`count(*)::int`,
				heads: sql<number>`count(distinct ${unit.ownerId})::int`,
				area: sql<string>`sum(${unit.areaHundredths})::text`
			})
			.from(unit)
			.where(eq(unit.estateId, estateId))
			.groupBy(unit.kind),
		db
			.select({
				building: building.name,
				units: sql<number>`count(${unit.id})::int`,
				countedUnits: sql<number>`count(${unit.id}) filter (where ${isCounted})::int`,
				heads: sql<number>`count(distinct ${unit.ownerId}) filter (where ${isCounted})::int`,
				area: sql<string>`coalesce(sum(${unit.areaHundredths}) filter (where ${isCounted}), 0)::text`
			})
			.from(building)
			.leftJoin(unit, eq(unit.buildingId, building.id))
			.where(eq(building.estateId, estateId))
			.groupBy(building.id, building.name)
			.orderBy(asc(building.name))
	]);
	const o = rowsOf<(typeof overall)[number]>(overall)[0];
	const kinds = new Map(byKindRows.map((k) => [k.kind, k]));
	return {
		units: o.units,
		countedUnits: o.countedUnits,
		heads: o.heads,
		area: formatArea(BigInt(o.area)),
		countedKinds: counted,
		byKind: UNIT_KINDS.map((kind) => {
			const k = kinds.get(kind);
			return {
				kind,
				counted: counted.includes(kind),
				units: k?.units ?? 0,
				heads: k?.heads ?? 0,
				area: formatArea(BigInt(k?.area ?? '0'))
			};
		}),
		byBuilding: byBuildingRows
			.sort((a, b) => a.building.localeCompare(b.building, 'zh-CN', { numeric: true }))
			.map((b) => ({ ...b, area: formatArea(BigInt(b.area)) }))
	};
}
