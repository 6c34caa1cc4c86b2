import { and, eq, inArray, sql } from 'drizzle-orm';
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
	unit,
	unitCoOwner
} from '../db/schema';
import { newId } from '../ids';
import { BATCH, chunks, updateFromValues } from './batch';
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
					inArray(owner.id, chunk),
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
					inArray(unit.id, chunk),
					sql`(exists (select 1 from ${registrationRequest} where ${registrationRequest.unitId} = ${unit.id})
					or exists (select 1 from ${rollObjection} where ${rollObjection.unitId} = ${unit.id}))`
				)
			);
		out.push(...rows.map((r) => r.id));
	}
	return out;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
	for (const chunk of chunks(rows, BATCH)) await insert(chunk);
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
	const newBuildings = [...new Set(next.units.map((u) => u.building))]
		.filter((name) => !buildingIds.has(name))
		.map((name) => ({ id: newId('bld'), estateId, name }));
	for (const b of newBuildings) buildingIds.set(b.name, b.id);
	await insertChunks(newBuildings, (c) => tx.insert(building).values(c));

	const ownerIds = new Map(loaded.ownerIds);
	const newOwners = diff.owners.added.map((o) => {
		const id = newId('own');
		ownerIds.set(o.key, id);
		return {
			id,
			estateId,
			kind: o.kind,
			name: o.name,
			idKey: o.key === DEVELOPER_KEY ? null : o.key,
			idLast4: o.idLast4,
			phone: o.phone || null
		};
	});
	await insertChunks(newOwners, (c) => tx.insert(owner).values(c));
	await updateFromValues(
		tx,
		'owner',
		[
			['name', 'text'],
			['id_last4', 'text'],
			['phone', 'text']
		],
		diff.owners.changed.map(({ key, after }) => [
			ownerIds.get(key)!,
			after.name,
			after.idLast4,
			after.phone || null
		])
	);

	const unitIdOf = (u: SnapshotUnit) => loaded.unitIds.get(unitKey(u.building, u.unit))!;
	for (const c of chunks(diff.units.removed.map(unitIdOf)))
		await tx.delete(unit).where(inArray(unit.id, c));

	const coOwners: { unitId: string; ownerId: string }[] = [];
	const newUnits = diff.units.added.map((u) => {
		const id = newId('unt');
		for (const k of u.coOwnerKeys) coOwners.push({ unitId: id, ownerId: ownerIds.get(k)! });
		return {
			id,
			estateId,
			buildingId: buildingIds.get(u.building)!,
			label: u.unit,
			kind: u.kind,
			areaHundredths: u.area,
			areaSource: u.areaSource,
			ownerId: ownerIds.get(u.ownerKey)!,
			certificateNo: u.certificateNo || null
		};
	});
	await insertChunks(newUnits, (c) => tx.insert(unit).values(c));

	await updateFromValues(
		tx,
		'unit',
		[
			['kind', 'text'],
			['area_hundredths', 'bigint'],
			['area_source', 'text'],
			['certificate_no', 'text'],
			['owner_id', 'text']
		],
		diff.units.changed.map(({ after }) => [
			unitIdOf(after),
			after.kind,
			after.area.toString(),
			after.areaSource,
			after.certificateNo || null,
			ownerIds.get(after.ownerKey)!
		])
	);
	const regrouped = diff.units.changed.filter((c) => c.fields.includes('coOwnerKeys'));
	for (const c of chunks(regrouped.map((c) => unitIdOf(c.after))))
		await tx.delete(unitCoOwner).where(inArray(unitCoOwner.unitId, c));
	for (const { after } of regrouped)
		for (const k of after.coOwnerKeys)
			coOwners.push({ unitId: unitIdOf(after), ownerId: ownerIds.get(k)! });
	await insertChunks(coOwners, (c) => tx.insert(unitCoOwner).values(c));

	const removedOwnerIds = diff.owners.removed.map((o) => loaded.ownerIds.get(o.key)!);
	const kept = new Set(await linkedOwnerIds(tx, removedOwnerIds));
	const deletable = removedOwnerIds.filter((id) => !kept.has(id));
	for (const c of chunks(deletable)) await tx.delete(owner).where(inArray(owner.id, c));
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
