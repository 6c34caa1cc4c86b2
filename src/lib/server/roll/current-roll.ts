import { and, asc, eq } from 'drizzle-orm';
import { lockKey } from '../db/lock-key';
import { DEVELOPER_KEY, type RollSnapshot, type SnapshotOwner } from '$lib/domain/roll';
import { unitKey } from '$lib/domain/roll';
import type { Executor } from '../db/client';
import { building, owner, place, unit, unitCoOwner } from '../db/schema';

/** The roll as stored, with the database ids behind each engine key. */
export interface LoadedRoll {
	snapshot: RollSnapshot;
	ownerIds: Map<string, string>;
	unitIds: Map<string, string>;
	buildingIds: Map<string, string>;
}

type OwnerRow = Pick<typeof owner.$inferSelect, 'id' | 'kind' | 'idKey'>;

/** The engine key of a stored owner: its idKey, DEVELOPER_KEY, or its id when it has neither. */
export function ownerKeyOf(o: OwnerRow): string {
	if (o.kind === 'developer') return DEVELOPER_KEY;
	return o.idKey ?? `owner:${o.id}`;
}

/** Reads an estate's buildings, owners, units and co-owners in four queries. */
export async function loadRoll(db: Executor, estateId: string): Promise<LoadedRoll> {
	const [owners, buildings, units, coOwners] = await Promise.all([
		db.select().from(owner).where(eq(owner.estateId, estateId)).orderBy(asc(owner.createdAt)),
		db.select().from(building).where(eq(building.estateId, estateId)),
		db
			.select({
				id: unit.id,
				building: building.name,
				label: unit.label,
				kind: unit.kind,
				area: unit.areaHundredths,
				areaSource: unit.areaSource,
				certificateNo: unit.certificateNo,
				ownerId: unit.ownerId
			})
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.where(eq(unit.estateId, estateId)),
		db
			.select({ unitId: unitCoOwner.unitId, ownerId: unitCoOwner.ownerId })
			.from(unitCoOwner)
			.innerJoin(unit, eq(unit.id, unitCoOwner.unitId))
			.where(eq(unit.estateId, estateId))
	]);
	const keyOfOwner = new Map<string, string>();
	const ownerIds = new Map<string, string>();
	const snapshotOwners: SnapshotOwner[] = [];
	for (const o of owners) {
		const key = ownerKeyOf(o);
		keyOfOwner.set(o.id, key);
		if (ownerIds.has(key)) continue;
		ownerIds.set(key, o.id);
		snapshotOwners.push({
			key,
			kind: o.kind === 'developer' ? 'developer' : 'person',
			name: o.name,
			idLast4: o.idLast4,
			phone: o.phone ?? ''
		});
	}
	const coByUnit = new Map<string, string[]>();
	for (const c of coOwners) {
		const list = coByUnit.get(c.unitId) ?? [];
		list.push(keyOfOwner.get(c.ownerId)!);
		coByUnit.set(c.unitId, list);
	}
	const unitIds = new Map<string, string>();
	const snapshotUnits = units.map((u) => {
		unitIds.set(unitKey(u.building, u.label), u.id);
		return {
			building: u.building,
			unit: u.label,
			kind: u.kind,
			area: u.area,
			areaSource: u.areaSource,
			certificateNo: u.certificateNo ?? '',
			ownerKey: keyOfOwner.get(u.ownerId)!,
			coOwnerKeys: coByUnit.get(u.id) ?? []
		};
	});
	return {
		snapshot: { units: snapshotUnits, owners: snapshotOwners },
		ownerIds,
		unitIds,
		buildingIds: new Map(buildings.map((b) => [b.name, b.id]))
	};
}

/** The roll in the database as the engine's RollSnapshot (owners by idKey or DEVELOPER_KEY). */
export async function currentSnapshot(db: Executor, estateId: string): Promise<RollSnapshot> {
	return (await loadRoll(db, estateId)).snapshot;
}

/** The estate, or null when the id is not an estate. */
export async function findEstate(db: Executor, estateId: string) {
	const [row] = await db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(and(eq(place.id, estateId), eq(place.kind, 'estate')));
	return row ?? null;
}

/** Serialises roll writes of one estate across processes (PostgreSQL; PGlite has one writer). */
export async function lockRollForWrite(tx: Executor, estateId: string): Promise<void> {
	await lockKey(tx, 'roll:' + estateId);
}
