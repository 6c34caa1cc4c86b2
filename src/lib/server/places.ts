import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Executor } from './db/client';
import { building, owner, place, unit } from './db/schema';
import { newId } from './ids';

export type PlaceKind = 'district' | 'street' | 'community' | 'estate';
const PARENT_KIND: Record<PlaceKind, PlaceKind | null> = {
	district: null,
	street: 'district',
	community: 'street',
	estate: 'community'
};

export type CreatePlaceResult =
	| { ok: true; place: typeof place.$inferSelect }
	| { ok: false; code: 'place.parentMissing' | 'place.parentKind' | 'place.nameEmpty' };

/** Places nest district → street → community → estate; each kind sits under the one above it. */
export async function createPlace(
	db: Executor,
	input: { kind: PlaceKind; name: string; parentId?: string | null; id?: string }
): Promise<CreatePlaceResult> {
	const name = input.name.trim();
	if (!name) return { ok: false, code: 'place.nameEmpty' };
	const id = input.id ?? newId(input.kind.slice(0, 3));
	const wantParent = PARENT_KIND[input.kind];
	let path = `/${id}/`;
	if (wantParent) {
		const [parent] = input.parentId
			? await db.select().from(place).where(eq(place.id, input.parentId))
			: [];
		if (!parent) return { ok: false, code: 'place.parentMissing' };
		if (parent.kind !== wantParent) return { ok: false, code: 'place.parentKind' };
		path = `${parent.path}${id}/`;
	}
	const [row] = await db
		.insert(place)
		.values({ id, kind: input.kind, name, parentId: wantParent ? input.parentId : null, path })
		.returning();
	return { ok: true, place: row };
}

/** Every place at or below `path`, ordered so a parent comes before its children. */
export function placesUnder(db: Executor, path: string) {
	return db
		.select()
		.from(place)
		.where(like(place.path, `${path}%`))
		.orderBy(asc(place.path));
}

export async function getPlace(db: Executor, id: string) {
	const [row] = await db.select().from(place).where(eq(place.id, id));
	return row ?? null;
}

/** Estates with their street and community names, for lists and the CLI. */
export async function listEstates(db: Executor, underPath = '/') {
	const estates = await db
		.select()
		.from(place)
		.where(and(eq(place.kind, 'estate'), like(place.path, `${underPath}%`)))
		.orderBy(asc(place.name));
	const all = await db.select({ id: place.id, name: place.name }).from(place);
	const names = new Map(all.map((p) => [p.id, p.name]));
	return estates.map((e) => {
		const [, , streetId, communityId] = e.path.split('/');
		return { ...e, street: names.get(streetId) ?? '', community: names.get(communityId) ?? '' };
	});
}

/** Units, heads and area (hundredths) of an estate's roll, by building. */
export async function rollSummary(db: Executor, estateId: string) {
	const rows = await db
		.select({
			buildingId: building.id,
			building: building.name,
			units: sql<number>`count(${unit.id})::int`,
			area: sql<string>`coalesce(sum(${unit.areaHundredths}), 0)::text`
		})
		.from(building)
		.leftJoin(unit, eq(unit.buildingId, building.id))
		.where(eq(building.estateId, estateId))
		.groupBy(building.id, building.name)
		.orderBy(asc(building.name));
	const [heads] = await db
		.select({ n: sql<number>`count(distinct ${unit.ownerId})::int` })
		.from(unit)
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.where(eq(unit.estateId, estateId));
	const byBuilding = rows.map((r) => ({ ...r, area: BigInt(r.area) }));
	return {
		byBuilding,
		units: byBuilding.reduce((n, b) => n + b.units, 0),
		heads: heads?.n ?? 0,
		area: byBuilding.reduce((a, b) => a + b.area, 0n)
	};
}

/** The estate's buildings by name, for pickers. */
export function estateBuildings(db: Executor, estateId: string) {
	return db
		.select({ id: building.id, name: building.name })
		.from(building)
		.where(eq(building.estateId, estateId))
		.orderBy(asc(building.name));
}
