import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { account, owner, ownerVerification, registrationRequest } from '../db/schema';
import { createAccount, type CreateAccountResult } from '../accounts';
import { appendAudit } from '../audit';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { createSession, generateSessionToken } from '../auth/session';
import { clearFailures, isThrottled, recordFailure, type Limit } from '../auth/throttle';
import { newId } from '../ids';
import { personalDataHasher } from '../secrets';
import { claimCode, normaliseCode } from './codes';
import { checkImage, removeUpload, saveUpload } from './uploads';

export interface Claim {
	name: string;
	idLast4: string;
	login: string;
	password: string;
	phone?: string | null;
	/** The photo of the property certificate, when the owner attached one. */
	certificate?: Uint8Array | null;
}

export type ClaimError =
	| Exclude<CreateAccountResult, { ok: true }>['code']
	| 'registration.nameEmpty'
	| 'registration.idLast4Invalid'
	| 'upload.size'
	| 'upload.type'
	| 'upload.missing';

export type RegisterResult =
	| { ok: true; verified: boolean; accountId: string; token: string; expiresAt: Date }
	| {
			ok: false;
			code:
				| ClaimError
				| 'registration.codeInvalid'
				| 'registration.mismatch'
				| 'registration.ownerTaken'
				| 'registration.throttled';
	  };

/** Limits per IP and per (code, IP); a failure is any wrong code or a mismatch without a photo. */
export function codeLimits(ip: string, code: string | null): Limit[] {
	return [
		{ key: `regcode:ip:${ip}`, max: 20, windowMs: 15 * 60_000 },
		...(code ? [{ key: `regcode:code:${code}:${ip}`, max: 5, windowMs: 15 * 60_000 }] : [])
	];
}

const same = (a: string, b: string | null) =>
	!!b && a.normalize('NFKC').trim().toUpperCase() === b.normalize('NFKC').trim().toUpperCase();

/** Field checks shared by every registration path, before anything is looked up. */
export function checkClaim(c: Claim): ClaimError | null {
	if (!c.name.trim()) return 'registration.nameEmpty';
	if (!/^[0-9X]{4}$/.test(c.idLast4.normalize('NFKC').trim().toUpperCase()))
		return 'registration.idLast4Invalid';
	if (c.password.length < MIN_PASSWORD_LENGTH) return 'account.passwordShort';
	if (c.certificate && c.certificate.length) {
		const img = checkImage(c.certificate);
		if (!img.ok) return img.code;
	}
	return null;
}

/** Saves the photo, runs `work`, and deletes the photo again when `work` refused or threw. */
export async function withUpload<T extends { ok: boolean }>(
	estateId: string,
	bytes: Uint8Array | null | undefined,
	work: (file: { path: string; type: string } | null) => Promise<T>
): Promise<T> {
	const img = bytes?.length ? checkImage(bytes) : null;
	const file = img?.ok
		? { path: await saveUpload(estateId, bytes!, img.image), type: img.image.type }
		: null;
	try {
		const r = await work(file);
		if (!r.ok && file) await removeUpload(file.path);
		return r;
	} catch (e) {
		if (file) await removeUpload(file.path);
		throw e;
	}
}

export async function startSession(db: Db, accountId: string) {
	const token = generateSessionToken();
	const s = await createSession(db, token, accountId);
	return { token, expiresAt: s.expiresAt };
}

/** Is an account already linked to this owner? One account per owner keeps votes per owner. */
export async function ownerTaken(tx: Tx | Db, ownerId: string): Promise<boolean> {
	const [row] = await tx
		.select({ id: account.id })
		.from(account)
		.where(eq(account.ownerId, ownerId));
	return !!row;
}

/**
 * Registration with a letter's code. Name and ID last-4 matching the code's owner → the account is
 * verified at once; otherwise, with a certificate photo, it waits for staff review. Unknown, used,
 * revoked and expired codes all give the same answer.
 */
export async function registerWithCode(
	db: Db,
	input: Claim & { code: string },
	ip: string,
	now = new Date()
): Promise<RegisterResult> {
	const code = normaliseCode(input.code);
	const limits = codeLimits(ip, code);
	if (await isThrottled(db, limits, now)) return { ok: false, code: 'registration.throttled' };
	const bad = checkClaim(input);
	if (bad) return { ok: false, code: bad };
	const hash = await personalDataHasher(db);
	const codeHash = code ? hash(code) : null;
	const r = await inTransaction(db, async (tx) => {
		const row = codeHash ? await claimCode(tx, codeHash, now) : null;
		if (!row) return { ok: false, code: 'registration.codeInvalid' } as const;
		const [o] = await tx.select().from(owner).where(eq(owner.id, row.ownerId));
		const matches = input.name.trim() === o.name.trim() && same(input.idLast4, o.idLast4);
		if (matches) return verifyByCode(tx, input, row, o);
		if (!input.certificate?.length) return { ok: false, code: 'registration.mismatch' } as const;
		return withUpload(row.estateId, input.certificate, (file) =>
			requestReview(tx, input, row.estateId, row.ownerId, file!)
		);
	});
	if (!r.ok) {
		if (r.code === 'registration.codeInvalid' || r.code === 'registration.mismatch')
			await recordFailure(db, limits, now);
		return r;
	}
	await clearFailures(db, limits.slice(1));
	return {
		ok: true,
		verified: r.verified,
		accountId: r.accountId,
		...(await startSession(db, r.accountId))
	};
}

/** A refusal inside a transaction: thrown so that nothing (not even the claimed code) is kept. */
class Refused extends Error {
	constructor(readonly result: { ok: false; code: string }) {
		super(result.code);
	}
}

/** Runs `work` in one transaction; an `{ ok: false }` result rolls everything back. */
export async function inTransaction<T extends { ok: boolean }>(
	db: Db,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	try {
		return await db.transaction(async (tx) => {
			const r = await work(tx);
			if (!r.ok) throw new Refused(r as unknown as { ok: false; code: string });
			return r;
		});
	} catch (e) {
		if (e instanceof Refused) return e.result as unknown as T;
		throw e;
	}
}

type Done =
	| { ok: true; verified: boolean; accountId: string }
	| { ok: false; code: ClaimError | 'registration.ownerTaken' };

async function verifyByCode(
	tx: Tx,
	input: Claim,
	row: { id: string; estateId: string; ownerId: string },
	o: typeof owner.$inferSelect
): Promise<Done> {
	if (await ownerTaken(tx, o.id)) return { ok: false, code: 'registration.ownerTaken' };
	const acc = await createAccount(tx, {
		login: input.login,
		displayName: o.name,
		password: input.password,
		ownerId: o.id,
		grants: [{ role: 'owner', placeId: row.estateId }]
	});
	if (!acc.ok) return acc;
	await tx.insert(ownerVerification).values({ accountId: acc.id, ownerId: o.id, method: 'code' });
	await appendAudit(tx, {
		scope: row.estateId,
		actorId: acc.id,
		action: 'registration.verified',
		subject: o.id,
		after: {
			accountId: acc.id,
			login: input.login.trim().toLowerCase(),
			method: 'code',
			codeId: row.id
		}
	});
	return { ok: true, verified: true, accountId: acc.id };
}

/** An account without any grant and a pending request; staff decide with the photo in hand. */
export async function requestReview(
	tx: Tx,
	input: Claim,
	estateId: string,
	ownerId: string | null,
	file: { path: string; type: string },
	unitId: string | null = null
): Promise<Done> {
	const acc = await createAccount(tx, {
		login: input.login,
		displayName: input.name.trim(),
		password: input.password,
		grants: []
	});
	if (!acc.ok) return acc;
	const id = newId('rr');
	await tx.insert(registrationRequest).values({
		id,
		estateId,
		accountId: acc.id,
		kind: ownerId ? 'code_mismatch' : 'self',
		ownerId,
		unitId,
		claimedName: input.name.trim(),
		claimedIdLast4: input.idLast4.normalize('NFKC').trim().toUpperCase(),
		phone: input.phone?.trim() || null,
		certificateFile: file.path,
		certificateType: file.type
	});
	await appendAudit(tx, {
		scope: estateId,
		actorId: acc.id,
		action: 'registration.requested',
		subject: id,
		after: { kind: ownerId ? 'code_mismatch' : 'self', accountId: acc.id, ownerId, unitId }
	});
	return { ok: true, verified: false, accountId: acc.id };
}
