import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Executor } from '../db/client';
import { account, passwordReset, roleGrant } from '../db/schema';
import { manageable } from '../admin/accounts';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password';
import { invalidateAllSessions } from './session';
import { isThrottled, recordFailure, type Limit } from './throttle';

/** A code is handed over in person and typed in soon after: 30 minutes is plenty. */
export const RESET_LIFETIME_MS = 30 * 60_000;

const hashCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(code)));
/** Letters and digits without dashes or spaces, upper case: what people copy from paper varies. */
export const normaliseCode = (code: string) =>
	code
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^A-Z2-7]/g, '');

/** 12 base32 characters (60 bits), shown in groups of four. */
function newCode(): string {
	return encodeBase32UpperCaseNoPadding(randomBytes(8)).slice(0, 12);
}
export const formatResetCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

export type IssueResult =
	| { ok: true; code: string; login: string; expiresAt: Date }
	| { ok: false; code: 'reset.notOwner' | 'admin.outOfScope' | 'admin.self' | 'account.nameEmpty' };

async function issue(
	tx: Executor,
	target: { id: string; login: string },
	actorId: string,
	scope: string,
	now: Date
): Promise<IssueResult> {
	// A new code replaces any earlier one still open.
	await tx
		.update(passwordReset)
		.set({ expiresAt: now })
		.where(and(eq(passwordReset.accountId, target.id), isNull(passwordReset.usedAt)));
	const code = newCode();
	const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MS);
	await tx.insert(passwordReset).values({
		id: newId('pwr'),
		accountId: target.id,
		codeHash: hashCode(code),
		issuedBy: actorId,
		expiresAt
	});
	await appendAudit(
		tx,
		{
			scope,
			actorId,
			action: 'account.passwordReset.issue',
			subject: target.id,
			after: { expiresAt }
		},
		now
	);
	return { ok: true, code, login: target.login, expiresAt };
}

/**
 * Staff, having seen the owner in person, issue a one-time reset code for an owner account of
 * their estate (the route guards the estate). Accounts with any other role are not theirs to reset.
 */
export function issueOwnerResetCode(
	db: Db,
	input: { actorId: string; estateId: string; login: string },
	now = new Date()
): Promise<IssueResult> {
	return db.transaction(async (tx) => {
		const [acc] = await tx
			.select({ id: account.id, login: account.login })
			.from(account)
			.where(eq(account.login, input.login.trim().toLowerCase()));
		const grants = acc
			? await tx.select().from(roleGrant).where(eq(roleGrant.accountId, acc.id))
			: [];
		const ownerHere = grants.some((g) => g.role === 'owner' && g.placeId === input.estateId);
		if (!acc || !ownerHere || grants.some((g) => g.role !== 'owner'))
			return { ok: false, code: 'reset.notOwner' } as const;
		return issue(tx, acc, input.actorId, input.estateId, now);
	});
}

/** An admin issues a reset code for an account in scope (staff and oversight accounts). */
export function adminIssueResetCode(
	db: Db,
	actorId: string,
	accountId: string,
	now = new Date()
): Promise<IssueResult> {
	return db.transaction(async (tx) => {
		const denied = await manageable(tx, actorId, accountId);
		if (denied) return { ok: false, code: denied } as const;
		const [acc] = await tx
			.select({ id: account.id, login: account.login })
			.from(account)
			.where(eq(account.id, accountId));
		return issue(tx, acc, actorId, 'platform', now);
	});
}

/**
 * Per address only: 60 random bits cannot be guessed in any number of tries a server answers, and
 * a per-account limit would let anyone block an owner's reset.
 */
export const resetLimits = (ip: string): Limit[] => [
	{ key: `reset:ip:${ip}`, max: 20, windowMs: 15 * 60_000 }
];

export type RedeemResult =
	{ ok: true } | { ok: false; code: 'reset.invalid' | 'reset.throttled' | 'account.passwordShort' };

/**
 * The owner types the login, the code and a new password: the code is used once, the password
 * replaced and every session of the account ended, audited.
 */
export async function redeemResetCode(
	db: Db,
	input: { login: string; code: string; password: string; ip: string },
	now = new Date()
): Promise<RedeemResult> {
	const limits = resetLimits(input.ip);
	if (await isThrottled(db, limits, now)) return { ok: false, code: 'reset.throttled' };
	if (input.password.length < MIN_PASSWORD_LENGTH)
		return { ok: false, code: 'account.passwordShort' };
	const passwordHash = await hashPassword(input.password);
	const given = Buffer.from(hashCode(normaliseCode(input.code)));
	const done = await db.transaction(async (tx) => {
		const [acc] = await tx
			.select({ id: account.id })
			.from(account)
			.where(and(eq(account.login, input.login.trim().toLowerCase()), eq(account.disabled, false)));
		if (!acc) return false;
		const open = await tx
			.select()
			.from(passwordReset)
			.where(
				and(
					eq(passwordReset.accountId, acc.id),
					isNull(passwordReset.usedAt),
					gt(passwordReset.expiresAt, now)
				)
			)
			.for('update');
		const match = open.find((r) => timingSafeEqual(Buffer.from(r.codeHash), given));
		if (!match) return false;
		await tx.update(passwordReset).set({ usedAt: now }).where(eq(passwordReset.id, match.id));
		await tx.update(account).set({ passwordHash }).where(eq(account.id, acc.id));
		await invalidateAllSessions(tx, acc.id);
		await appendAudit(
			tx,
			{
				scope: 'platform',
				actorId: acc.id,
				action: 'account.passwordReset.redeem',
				subject: acc.id
			},
			now
		);
		return true;
	});
	if (!done) {
		await recordFailure(db, limits, now);
		return { ok: false, code: 'reset.invalid' };
	}
	return { ok: true };
}
