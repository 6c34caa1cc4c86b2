import { and, eq, ne, sql } from 'drizzle-orm';
import {
	parseUnitArea,
	normaliseIdNumber,
	idLast4,
	AREA_SOURCES,
	UNIT_KINDS
} from '$lib/domain/roll';
import type { AreaSource, UnitKind } from '$lib/domain/roll';
import type { Db, Executor } from '../db/client';
import { building, owner, unit, unitCoOwner } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { personalDataHasher } from '../secrets';
import { rollLock } from '../publication/state';
import { lockRollForWrite } from './current-roll';

export interface UnitPatch {
	/** m² with up to two decimals ("89.5"). */
	area?: string;
	areaSource?: AreaSource;
	kind?: UnitKind;
	label?: string;
	/** Building name; a new name creates the building. */
	building?: string;
	ownerId?: string;
	certificateNo?: string;
}

export interface OwnerPatch {
	name?: string;
	phone?: string;
	/** A new ID number re-keys the owner; only its key and last four characters are stored. */
	idNumber?: string;
}

export type EditCode =
	| 'roll.locked'
	| 'unit.notFound'
	| 'owner.notFound'
	| 'area.invalid'
	| 'kind.unknown'
	| 'areaSource.unknown'
	| 'unit.missing'
	| 'building.missing'
	| 'unit.taken'
	| 'owner.nameMissing'
	| 'owner.idTaken'
	| 'owner.developerId';

export type EditResult = { ok: true } | { ok: false; code: EditCode };

const fail = (code: EditCode) => ({ ok: false, code }) as const;

async function guard(tx: Executor, estateId: string): Promise<EditCode | null> {
	await lockRollForWrite(tx, estateId);
	return (await rollLock(tx, estateId)).locked ? 'roll.locked' : null;
}

async function unitRow(tx: Executor, estateId: string, unitId: string) {
	const [row] = await tx
		.select({
			id: unit.id,
			building: building.name,
			buildingId: unit.buildingId,
			label: unit.label,
			kind: unit.kind,
			area: unit.areaHundredths,
			areaSource: unit.areaSource,
			ownerId: unit.ownerId,
			certificateNo: unit.certificateNo
		})
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(and(eq(unit.id, unitId), eq(unit.estateId, estateId)));
	return row ?? null;
}

/** Staff correct one unit (area with its source, kind, label, building, voting owner); audited. */
export function updateUnit(
	db: Db,
	actorId: string | null,
	estateId: string,
	unitId: string,
	patch: UnitPatch
): Promise<EditResult> {
	return db.transaction(async (tx): Promise<EditResult> => {
		const locked = await guard(tx, estateId);
		if (locked) return fail(locked);
		const before = await unitRow(tx, estateId, unitId);
		if (!before) return fail('unit.notFound');
		const area = patch.area === undefined ? before.area : parseUnitArea(patch.area);
		if (area === null) return fail('area.invalid');
		if (patch.kind !== undefined && !UNIT_KINDS.includes(patch.kind)) return fail('kind.unknown');
		if (patch.areaSource !== undefined && !AREA_SOURCES.includes(patch.areaSource))
			return fail('areaSource.unknown');
		const label = (patch.label ?? before.label).trim();
		if (!label) return fail('unit.missing');
		const buildingName = (patch.building ?? before.building).trim();
		if (!buildingName) return fail('building.missing');
		const ownerId = patch.ownerId ?? before.ownerId;
		const [o] = await tx
			.select({ id: owner.id })
			.from(owner)
			.where(and(eq(owner.id, ownerId), eq(owner.estateId, estateId)));
		if (!o) return fail('owner.notFound');

		let buildingId = before.buildingId;
		if (buildingName !== before.building) {
			const [b] = await tx
				.select({ id: building.id })
				.from(building)
				.where(and(eq(building.estateId, estateId), eq(building.name, buildingName)));
			buildingId = b?.id ?? newId('bld');
			if (!b) await tx.insert(building).values({ id: buildingId, estateId, name: buildingName });
		}
		const [taken] = await tx
			.select({ id: unit.id })
			.from(unit)
			.where(and(eq(unit.buildingId, buildingId), eq(unit.label, label), ne(unit.id, unitId)));
		if (taken) return fail('unit.taken');

		await tx
			.update(unit)
			.set({
				buildingId,
				label,
				kind: patch.kind ?? before.kind,
				areaHundredths: area,
				areaSource: patch.areaSource ?? before.areaSource,
				ownerId,
				certificateNo:
					patch.certificateNo === undefined
						? before.certificateNo
						: patch.certificateNo.trim() || null
			})
			.where(eq(unit.id, unitId));
		// The new representative is no longer one of the other co-owners.
		if (ownerId !== before.ownerId)
			await tx
				.delete(unitCoOwner)
				.where(and(eq(unitCoOwner.unitId, unitId), eq(unitCoOwner.ownerId, ownerId)));
		if (buildingId !== before.buildingId)
			await tx
				.delete(building)
				.where(
					and(
						eq(building.id, before.buildingId),
						sql`not exists (select 1 from ${unit} where ${unit.buildingId} = ${building.id})`
					)
				);
		const after = await unitRow(tx, estateId, unitId);
		const { buildingId: _b, ...shownBefore } = before;
		const { buildingId: _a, ...shownAfter } = after!;
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'unit.update',
			subject: unitId,
			before: shownBefore,
			after: shownAfter
		});
		return { ok: true };
	});
}

/** Staff correct an owner's name or phone, or re-key it with a new ID number; audited. */
export function updateOwner(
	db: Db,
	actorId: string | null,
	estateId: string,
	ownerId: string,
	patch: OwnerPatch
): Promise<EditResult> {
	return db.transaction(async (tx): Promise<EditResult> => {
		const locked = await guard(tx, estateId);
		if (locked) return fail(locked);
		const [before] = await tx
			.select({
				name: owner.name,
				kind: owner.kind,
				phone: owner.phone,
				idKey: owner.idKey,
				idLast4: owner.idLast4
			})
			.from(owner)
			.where(and(eq(owner.id, ownerId), eq(owner.estateId, estateId)));
		if (!before) return fail('owner.notFound');
		const name = (patch.name ?? before.name).trim();
		if (!name && before.kind !== 'developer') return fail('owner.nameMissing');
		const phone = patch.phone === undefined ? before.phone : patch.phone.trim() || null;
		let { idKey, idLast4: last4 } = before;
		const idNumber = patch.idNumber === undefined ? '' : normaliseIdNumber(patch.idNumber);
		if (idNumber) {
			if (before.kind === 'developer') return fail('owner.developerId');
			idKey = (await personalDataHasher(tx))(idNumber);
			last4 = idLast4(idNumber);
			const [taken] = await tx
				.select({ id: owner.id })
				.from(owner)
				.where(and(eq(owner.estateId, estateId), eq(owner.idKey, idKey), ne(owner.id, ownerId)));
			if (taken) return fail('owner.idTaken');
		}
		const after = { name, kind: before.kind, phone, idKey, idLast4: last4 };
		await tx.update(owner).set({ name, phone, idKey, idLast4: last4 }).where(eq(owner.id, ownerId));
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'owner.update',
			subject: ownerId,
			before,
			after
		});
		return { ok: true };
	});
}
