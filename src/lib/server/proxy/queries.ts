import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { maskName } from '$lib/domain/roll';
import type { Executor } from '../db/client';
import { meetingProgress } from '../meeting/gate';
import {
	account,
	assembly,
	building,
	owner,
	proxyAuthorisation,
	proxyInvite,
	unit
} from '../db/schema';

async function unitsOf(db: Executor, ownerIds: string[]) {
	if (!ownerIds.length) return new Map<string, string>();
	const rows = await db
		.select({ ownerId: unit.ownerId, label: unit.label, building: building.name })
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(inArray(unit.ownerId, ownerIds))
		.orderBy(asc(building.name), asc(unit.label));
	const out = new Map<string, string>();
	for (const r of rows)
		out.set(r.ownerId, [out.get(r.ownerId), `${r.building} ${r.label}`].filter(Boolean).join('、'));
	return out;
}

/** The owner's authorisations for one assembly, newest first (the live one, then history). */
export async function ownerProxies(db: Executor, assemblyId: string, ownerId: string) {
	return db
		.select({
			id: proxyAuthorisation.id,
			state: proxyAuthorisation.state,
			directed: proxyAuthorisation.directed,
			proxyName: account.displayName,
			proxyLogin: account.login,
			// a named proxy who has not registered with the code yet: the owner may issue a new one
			unclaimed: sql<boolean>`${proxyInvite.accountId} is not null`,
			createdAt: proxyAuthorisation.createdAt
		})
		.from(proxyAuthorisation)
		.innerJoin(account, eq(account.id, proxyAuthorisation.proxyAccountId))
		.leftJoin(
			proxyInvite,
			and(eq(proxyInvite.accountId, account.id), isNull(proxyInvite.claimedAt))
		)
		.where(
			and(eq(proxyAuthorisation.assemblyId, assemblyId), eq(proxyAuthorisation.ownerId, ownerId))
		)
		.orderBy(desc(proxyAuthorisation.createdAt));
}

/** Whom an account represents, in every assembly: the owners' masked names and their units. */
export async function representedBy(db: Executor, accountId: string) {
	const rows = await db
		.select({
			id: proxyAuthorisation.id,
			state: proxyAuthorisation.state,
			ownerId: proxyAuthorisation.ownerId,
			ownerName: owner.name,
			assemblyId: assembly.id,
			assemblyTitle: assembly.title,
			assemblyState: assembly.state,
			assemblyForm: assembly.form,
			revote: assembly.revote,
			directed: proxyAuthorisation.directed,
			seq: proxyAuthorisation.seq
		})
		.from(proxyAuthorisation)
		.innerJoin(owner, eq(owner.id, proxyAuthorisation.ownerId))
		.innerJoin(assembly, eq(assembly.id, proxyAuthorisation.assemblyId))
		.where(
			and(
				eq(proxyAuthorisation.proxyAccountId, accountId),
				inArray(proxyAuthorisation.state, ['pending', 'verified', 'used'])
			)
		)
		.orderBy(desc(assembly.opensAt), asc(proxyAuthorisation.createdAt));
	const units = await unitsOf(
		db,
		rows.map((r) => r.ownerId)
	);
	return rows.map(({ ownerName, ...r }) => ({
		...r,
		owner: maskName(ownerName),
		units: units.get(r.ownerId) ?? ''
	}));
}

/**
 * Whether the proxy may fill the owner's ballot now: once when verified; again while an on-site
 * meeting runs under `revote: "last"`, where the proxy votes item by item as the owners in the hall
 * do (castProxyBallot applies the same rule).
 */
export async function proxyMayVote(
	db: Executor,
	row: { state: string; assemblyId: string; assemblyForm: string; revote: string }
): Promise<boolean> {
	if (row.state === 'verified') return true;
	if (row.state !== 'used' || row.assemblyForm !== 'meeting' || row.revote !== 'last') return false;
	return (await meetingProgress(db, row.assemblyId)).started;
}

/** Staff's list for one assembly: what to verify, and who represents whom. */
export async function assemblyProxies(db: Executor, assemblyId: string) {
	const rows = await db
		.select({
			id: proxyAuthorisation.id,
			state: proxyAuthorisation.state,
			ownerId: proxyAuthorisation.ownerId,
			ownerName: owner.name,
			proxyName: account.displayName,
			proxyLogin: account.login,
			directed: proxyAuthorisation.directed,
			sha256: proxyAuthorisation.documentSha256,
			createdAt: proxyAuthorisation.createdAt
		})
		.from(proxyAuthorisation)
		.innerJoin(owner, eq(owner.id, proxyAuthorisation.ownerId))
		.innerJoin(account, eq(account.id, proxyAuthorisation.proxyAccountId))
		.where(eq(proxyAuthorisation.assemblyId, assemblyId))
		.orderBy(asc(proxyAuthorisation.createdAt));
	const units = await unitsOf(
		db,
		rows.map((r) => r.ownerId)
	);
	return rows.map((r) => ({ ...r, units: units.get(r.ownerId) ?? '' }));
}

/** Where the uploaded written authorisation of one proxy of the assembly is kept; null if none. */
export async function proxyDocument(db: Executor, assemblyId: string, id: string) {
	const [row] = await db
		.select({
			documentPath: proxyAuthorisation.documentPath,
			documentType: proxyAuthorisation.documentType
		})
		.from(proxyAuthorisation)
		.where(and(eq(proxyAuthorisation.id, id), eq(proxyAuthorisation.assemblyId, assemblyId)));
	return row ?? null;
}
