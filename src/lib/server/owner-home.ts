import { asc, eq } from 'drizzle-orm';
import type { Executor } from './db/client';
import { building, owner, place, unit } from './db/schema';

/** The signed-in owner's estate and units as the roll records them. */
export async function ownerHome(db: Executor, ownerId: string) {
	const [o] = await db
		.select({ id: owner.id, name: owner.name, estateId: owner.estateId, estateName: place.name })
		.from(owner)
		.innerJoin(place, eq(place.id, owner.estateId))
		.where(eq(owner.id, ownerId));
	if (!o) return null;
	const units = await db
		.select({
			building: building.name,
			label: unit.label,
			area: unit.areaHundredths,
			kind: unit.kind
		})
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(eq(unit.ownerId, ownerId))
		.orderBy(asc(building.name), asc(unit.label));
	return { owner: o, units, area: units.reduce((a, u) => a + u.area, 0n) };
}
