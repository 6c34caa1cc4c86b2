import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import {
	account,
	owner,
	ownerVerification,
	registrationRequest,
	roleGrant,
	unit
} from '../db/schema';
import { createAccount, type CreateAccountResult } from '../accounts';
import { appendAudit } from '../audit';
import { revokeOpenCodes } from './codes';
import { inTransaction, ownerTaken } from './register';

export type ReviewResult =
	| { ok: true }
	| { ok: false; code: 'review.notFound' | 'review.ownerTaken' | 'review.reasonEmpty' };

async function pendingRequest(tx: Tx, estateId: string, requestId: string) {
	const [r] = await tx
		.select()
		.from(registrationRequest)
		.where(
			and(
				eq(registrationRequest.id, requestId),
				eq(registrationRequest.estateId, estateId),
				eq(registrationRequest.state, 'pending')
			)
		);
	return r ?? null;
}

/** Links the account to the owner of the roll: grant, verification, request closed, audited. */
export function approveRequest(
	db: Db,
	actorId: string,
	estateId: string,
	requestId: string,
	now = new Date()
): Promise<ReviewResult> {
	return inTransaction(db, async (tx) => {
		const req = await pendingRequest(tx, estateId, requestId);
		if (!req) return { ok: false, code: 'review.notFound' } as const;
		let ownerId = req.ownerId;
		if (!ownerId && req.unitId) {
			const [u] = await tx
				.select({ ownerId: unit.ownerId })
				.from(unit)
				.where(eq(unit.id, req.unitId));
			ownerId = u?.ownerId ?? null;
		}
		if (!ownerId) return { ok: false, code: 'review.notFound' } as const;
		if (await ownerTaken(tx, ownerId)) return { ok: false, code: 'review.ownerTaken' } as const;
		await tx.update(account).set({ ownerId }).where(eq(account.id, req.accountId));
		await tx
			.insert(roleGrant)
			.values({ accountId: req.accountId, role: 'owner', placeId: estateId })
			.onConflictDoNothing();
		await tx.insert(ownerVerification).values({
			accountId: req.accountId,
			ownerId,
			method: 'review',
			verifiedBy: actorId,
			at: now
		});
		await tx
			.update(registrationRequest)
			.set({ state: 'approved', reviewedBy: actorId, reviewedAt: now })
			.where(eq(registrationRequest.id, req.id));
		await revokeOpenCodes(tx, ownerId, now);
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'registration.approved',
			subject: req.id,
			after: { accountId: req.accountId, ownerId, method: 'review' }
		});
		return { ok: true } as const;
	});
}

export function rejectRequest(
	db: Db,
	actorId: string,
	estateId: string,
	requestId: string,
	reason: string,
	now = new Date()
): Promise<ReviewResult> {
	const text = reason.trim();
	if (!text) return Promise.resolve({ ok: false, code: 'review.reasonEmpty' });
	return inTransaction(db, async (tx) => {
		const req = await pendingRequest(tx, estateId, requestId);
		if (!req) return { ok: false, code: 'review.notFound' } as const;
		await tx
			.update(registrationRequest)
			.set({ state: 'rejected', reason: text, reviewedBy: actorId, reviewedAt: now })
			.where(eq(registrationRequest.id, req.id));
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'registration.rejected',
			subject: req.id,
			after: { accountId: req.accountId, reason: text }
		});
		return { ok: true } as const;
	});
}

export type InPersonResult =
	| { ok: true; accountId: string; ownerName: string }
	| Exclude<CreateAccountResult, { ok: true }>
	| { ok: false; code: 'review.notFound' | 'review.ownerTaken' | 'review.noteEmpty' };

/** Staff checked the owner's papers face to face and hand over a login and initial password. */
export function verifyInPerson(
	db: Db,
	actorId: string,
	estateId: string,
	input: { ownerId: string; login: string; password: string; note: string },
	now = new Date()
): Promise<InPersonResult> {
	const note = input.note.trim();
	if (!note) return Promise.resolve({ ok: false, code: 'review.noteEmpty' });
	return inTransaction(db, async (tx): Promise<InPersonResult> => {
		const [o] = await tx
			.select()
			.from(owner)
			.where(and(eq(owner.id, input.ownerId), eq(owner.estateId, estateId)));
		if (!o || o.kind === 'developer') return { ok: false, code: 'review.notFound' };
		if (await ownerTaken(tx, o.id)) return { ok: false, code: 'review.ownerTaken' };
		const acc = await createAccount(tx, {
			login: input.login,
			displayName: o.name,
			password: input.password,
			ownerId: o.id,
			grants: [{ role: 'owner', placeId: estateId }]
		});
		if (!acc.ok) return acc;
		await tx.insert(ownerVerification).values({
			accountId: acc.id,
			ownerId: o.id,
			method: 'in_person',
			verifiedBy: actorId,
			note,
			at: now
		});
		await revokeOpenCodes(tx, o.id, now);
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'registration.inPerson',
			subject: o.id,
			after: { accountId: acc.id, login: input.login.trim().toLowerCase(), note }
		});
		return { ok: true, accountId: acc.id, ownerName: o.name };
	});
}
