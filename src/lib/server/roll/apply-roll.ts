import { and, eq, sql } from 'drizzle-orm';
import {
	DEVELOPER_KEY,
	unitKey,
	type RollDiff,
	type RollSnapshot,
	type SnapshotUnit
} from '$lib/domain/roll';
import type { Executor } from '../db/client';
import {
	account,
	building,
	owner,
	ownerVerification,
	registrationCode,
	registrationRequest,
	rollObjection,
	unit
} from '../db/schema';
import { newIds } from '../ids';
import {
	BUILDING_COLUMNS,
	CO_OWNER_COLUMNS,
	OWNER_COLUMNS,
	UNIT_COLUMNS,
	chunks,
	deleteWhereIn,
	insertRows,
	updateRows
} from './batch';
import type { LoadedRoll } from './current-roll';

/** Owners among `ids` that an account, a verification or a registration refers to. */
export async function linkedOwnerIds(db: Executor, ids: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const chunk of chunks(ids)) {
		const rows = await db
			.select({ id: owner.id })
			.from(owner)
			.where(
				and(
					sql`${owner.id} in (select value from json_array_elements_text(${JSON.stringify(chunk)}::json))`,
					sql`(exists (select 1 from ${account} where ${account.ownerId} = ${owner.id})
					or exists (select 1 from ${ownerVerification} where ${ownerVerification.ownerId} = ${owner.id})
					or exists (select 1 from ${registrationCode} where ${registrationCode.ownerId} = ${owner.id})
					or exists (select 1 from ${registrationRequest} where ${registrationRequest.ownerId} = ${owner.id}))`
				)
			);
		out.push(...rows.map((r) => r.id));
	}
	return out;
}

/** Units among `ids` that a registration request or a roll objection refers to. */
export async function referencedUnitIds(db: Executor, ids: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const chunk of chunks(ids)) {
		const rows = await db
			.select({ id: unit.id })
			.from(unit)
			.where(
				and(
					sql`${unit.id} in (select value from json_array_elements_text(${JSON.stringify(chunk)}::json))`,
					sql`(exists (select 1 from ${registrationRequest} where ${registrationRequest.unitId} = ${unit.id})
					or exists (select 1 from ${rollObjection} where ${rollObjection.unitId} = ${unit.id}))`
				)
			);
		out.push(...rows.map((r) => r.id));
	}
	return out;
}

/**
 * Writes the difference between the stored roll and `next` with multi-row statements: buildings
 * and owners first, then units and co-owners, then what became unused. Returns the owners that
 * stayed although the file no longer has them (in use by an account or a registration).
 */
export async function applyRollDiff(
	tx: Executor,
	estateId: string,
	loaded: LoadedRoll,
	next: RollSnapshot,
	diff: RollDiff
): Promise<{ keptOwnerIds: string[] }> {
	const buildingIds = new Map(loaded.buildingIds);
	const newNames = [...new Set(next.units.map((u) => u.building))].filter(
		(name) => !buildingIds.has(name)
	);
	const buildingIdsNew = newIds('bld', newNames.length);
	const newBuildings = newNames.map((name, i) => ({
		id: buildingIdsNew[i],
		estate_id: estateId,
		name
	}));
	for (const b of newBuildings) buildingIds.set(b.name, b.id);
	await insertRows(tx, 'building', BUILDING_COLUMNS, newBuildings);

	const ownerIds = new Map(loaded.ownerIds);
	const ownerIdsNew = newIds('own', diff.owners.added.length);
	const newOwners = diff.owners.added.map((o, i) => {
		const id = ownerIdsNew[i];
		ownerIds.set(o.key, id);
		return {
			id,
			estate_id: estateId,
			kind: o.kind,
			name: o.name,
			id_key: o.key === DEVELOPER_KEY ? null : o.key,
			id_last4: o.idLast4,
			phone: o.phone || null
		};
	});
	await insertRows(tx, 'owner', OWNER_COLUMNS, newOwners);
	const ownerUpdates = diff.owners.changed.map(({ key, after }) => ({
		id: ownerIds.get(key)!,
		name: after.name,
		id_last4: after.idLast4,
		phone: after.phone || null
	}));
	const ownerChanged = OWNER_COLUMNS.filter(([n]) => ['name', 'id_last4', 'phone'].includes(n));
	await updateRows(tx, 'owner', ownerChanged, ownerUpdates);

	const unitIdOf = (u: SnapshotUnit) => loaded.unitIds.get(unitKey(u.building, u.unit))!;
	await deleteWhereIn(tx, 'unit', 'id', diff.units.removed.map(unitIdOf));

	const unitRow = (id: string, u: SnapshotUnit) => ({
		id,
		estate_id: estateId,
		building_id: buildingIds.get(u.building)!,
		label: u.unit,
		kind: u.kind,
		area_hundredths: u.area.toString(),
		area_source: u.areaSource,
		owner_id: ownerIds.get(u.ownerKey)!,
		certificate_no: u.certificateNo || null
	});
	const coOwners: { unit_id: string; owner_id: string }[] = [];
	const unitIdsNew = newIds('unt', diff.units.added.length);
	const newUnits = diff.units.added.map((u, i) => {
		const id = unitIdsNew[i];
		for (const k of u.coOwnerKeys) coOwners.push({ unit_id: id, owner_id: ownerIds.get(k)! });
		return unitRow(id, u);
	});
	await insertRows(tx, 'unit', UNIT_COLUMNS, newUnits);
	const changedColumns = UNIT_COLUMNS.filter(([n]) =>
		['kind', 'area_hundredths', 'area_source', 'owner_id', 'certificate_no'].includes(n)
	);
	await updateRows(
		tx,
		'unit',
		changedColumns,
		diff.units.changed.map(({ after }) => unitRow(unitIdOf(after), after))
	);
	const regrouped = diff.units.changed.filter((c) => c.fields.includes('coOwnerKeys'));
	await deleteWhereIn(
		tx,
		'unit_co_owner',
		'unit_id',
		regrouped.map((c) => unitIdOf(c.after))
	);
	for (const { after } of regrouped)
		for (const k of after.coOwnerKeys)
			coOwners.push({ unit_id: unitIdOf(after), owner_id: ownerIds.get(k)! });
	await insertRows(tx, 'unit_co_owner', CO_OWNER_COLUMNS, coOwners);

	const removedOwnerIds = diff.owners.removed.map((o) => loaded.ownerIds.get(o.key)!);
	const kept = new Set(await linkedOwnerIds(tx, removedOwnerIds));
	await deleteWhereIn(
		tx,
		'owner',
		'id',
		removedOwnerIds.filter((id) => !kept.has(id))
	);
	await tx
		.delete(building)
		.where(
			and(
				eq(building.estateId, estateId),
				sql`not exists (select 1 from ${unit} where ${unit.buildingId} = ${building.id})`
			)
		);
	return { keptOwnerIds: [...kept] };
}
