import { and, asc, desc, eq, gte, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	account,
	building,
	owner,
	ownerVerification,
	place,
	registrationRequest,
	unit
} from '../db/schema';
import { PENDING_REQUEST_TTL_MS } from './expiry';

/** Requests of an estate with what staff compare them to: the roll's owner of the code or unit. */
export async function listRequests(
	db: Executor,
	estateId: string,
	state: 'pending' | 'rejected' | 'approved',
	now = new Date()
) {
	// The roll's owner: of the code (code_mismatch) or of the claimed unit (self).
	const rollOwnerId = sql`coalesce(${registrationRequest.ownerId}, ${unit.ownerId})`;
	return db
		.select({
			id: registrationRequest.id,
			kind: registrationRequest.kind,
			login: account.login,
			claimedName: registrationRequest.claimedName,
			claimedIdLast4: registrationRequest.claimedIdLast4,
			phone: registrationRequest.phone,
			certificateType: registrationRequest.certificateType,
			reason: registrationRequest.reason,
			createdAt: registrationRequest.createdAt,
			building: building.name,
			unitLabel: unit.label,
			rollOwnerName: owner.name,
			rollOwnerLast4: owner.idLast4,
			rollOwnerKind: owner.kind
		})
		.from(registrationRequest)
		.innerJoin(account, eq(account.id, registrationRequest.accountId))
		.leftJoin(unit, eq(unit.id, registrationRequest.unitId))
		.leftJoin(building, eq(building.id, unit.buildingId))
		.leftJoin(owner, eq(owner.id, rollOwnerId))
		.where(
			and(
				eq(registrationRequest.estateId, estateId),
				eq(registrationRequest.state, state),
				// Past the time limit a pending request is no longer shown, even before the sweep.
				state === 'pending'
					? gte(registrationRequest.createdAt, new Date(now.getTime() - PENDING_REQUEST_TTL_MS))
					: undefined
			)
		)
		.orderBy(asc(registrationRequest.createdAt))
		.limit(200);
}

export async function certificateOf(db: Executor, estateId: string, requestId: string) {
	const [r] = await db
		.select({
			file: registrationRequest.certificateFile,
			type: registrationRequest.certificateType
		})
		.from(registrationRequest)
		.where(and(eq(registrationRequest.id, requestId), eq(registrationRequest.estateId, estateId)));
	return r?.file && r.type ? { file: r.file, type: r.type } : null;
}

/** Verified owner accounts of an estate, newest first. */
export function listVerified(db: Executor, estateId: string) {
	return db
		.select({
			login: account.login,
			ownerName: owner.name,
			method: ownerVerification.method,
			note: ownerVerification.note,
			at: ownerVerification.at,
			verifiedBy: sql<
				string | null
			>`(select v.login from account v where v.id = ${ownerVerification.verifiedBy})`
		})
		.from(ownerVerification)
		.innerJoin(account, eq(account.id, ownerVerification.accountId))
		.innerJoin(owner, eq(owner.id, ownerVerification.ownerId))
		.where(eq(owner.estateId, estateId))
		.orderBy(desc(ownerVerification.at))
		.limit(500);
}

/** Owners of the roll without an account, found by name or unit label, for in-person checks. */
export async function searchUnregisteredOwners(db: Executor, estateId: string, q: string) {
	const term = `%${q.trim().replace(/[%_\\]/g, '')}%`;
	const rows = await db
		.select({
			id: owner.id,
			name: owner.name,
			idLast4: owner.idLast4,
			building: building.name,
			label: unit.label
		})
		.from(owner)
		.innerJoin(unit, eq(unit.ownerId, owner.id))
		.innerJoin(building, eq(building.id, unit.buildingId))
		.leftJoin(account, eq(account.ownerId, owner.id))
		.where(
			and(
				eq(owner.estateId, estateId),
				isNull(account.id),
				or(eq(owner.kind, 'person'), eq(owner.kind, 'organization')),
				or(ilike(owner.name, term), ilike(unit.label, term))
			)
		)
		.orderBy(asc(owner.name), asc(building.name), asc(unit.label))
		.limit(60);
	const byOwner = new Map<
		string,
		{ id: string; name: string; idLast4: string | null; units: string[] }
	>();
	for (const r of rows) {
		const o = byOwner.get(r.id) ?? { id: r.id, name: r.name, idLast4: r.idLast4, units: [] };
		o.units.push(`${r.building} ${r.label}`);
		byOwner.set(r.id, o);
	}
	return [...byOwner.values()].slice(0, 20);
}

/** The signed-in account's latest request, for its status page. */
export async function myRequest(db: Executor, accountId: string) {
	const [r] = await db
		.select({
			state: registrationRequest.state,
			kind: registrationRequest.kind,
			reason: registrationRequest.reason,
			createdAt: registrationRequest.createdAt,
			estateName: place.name
		})
		.from(registrationRequest)
		.innerJoin(place, eq(place.id, registrationRequest.estateId))
		.where(eq(registrationRequest.accountId, accountId))
		.orderBy(desc(registrationRequest.createdAt))
		.limit(1);
	return r ?? null;
}
