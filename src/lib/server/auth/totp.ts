import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db, Executor } from '../db/client';
import { account } from '../db/schema';
import { appendAudit } from '../audit';
import type { Grant } from './guard';
import { rotateSession, type ValidSession } from './session';
import { clearFailures, recordFailure, throttleWait, waitMinutes, type Limit } from './throttle';

const ISSUER = 'Gongyi 共议';

function totp(secret: string, login: string) {
	return new TOTP({
		issuer: ISSUER,
		label: login,
		algorithm: 'SHA1',
		digits: 6,
		period: 30,
		secret: Secret.fromBase32(secret)
	});
}

/**
 * Staff, oversight and admins act for many owners; their accounts need a second factor. An owner
 * who turned TOTP on (`totpConfirmed`) is asked for it too.
 */
export function requiresSecondFactor(
	grants: Pick<Grant, 'role'>[],
	totpConfirmed = false
): boolean {
	return totpConfirmed || grants.some((g) => g.role !== 'owner');
}

/** The session still has to pass the second factor before the account's rights apply. */
export function sessionNeedsSecondFactor(
	s: Pick<ValidSession, 'grants' | 'twoFactorAt' | 'account'>
) {
	return requiresSecondFactor(s.grants, s.account.totpConfirmed) && !s.twoFactorAt;
}

/** Whether the account has confirmed a TOTP secret (else the code page sends it to setup). */
export async function hasConfirmedTotp(db: Executor, accountId: string): Promise<boolean> {
	const [acc] = await db
		.select({ confirmed: account.totpConfirmedAt })
		.from(account)
		.where(eq(account.id, accountId));
	return !!acc?.confirmed;
}

const PERIOD_MS = 30_000;

/**
 * The time step (30 s) a code belongs to, or null when it is wrong; ±1 step for phones whose
 * clock drifts a little.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
	const c = code.normalize('NFKC').replace(/\s/g, '');
	if (!/^\d{6}$/.test(c)) return null;
	const delta = totp(secret, 'x').validate({ token: c, timestamp: now, window: 1 });
	return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

export function checkTotp(secret: string, code: string, now = Date.now()): boolean {
	return totpStep(secret, code, now) !== null;
}

/**
 * Only someone who knows the password reaches the code step. Per session: 5 wrong codes, then
 * the session waits out 15 minutes (logging in again from elsewhere does not help: per account,
 * after 10 wrong codes in a day each attempt waits 30 s, doubling up to 15 minutes). Per address
 * loosely. A right code clears the session's and the account's counters.
 */
export const totpLimits = (accountId: string, sessionId: string, ip: string): Limit[] => [
	{ key: `totp:ip:${ip}`, max: 60, windowMs: 15 * 60_000 },
	{ key: `totp:sess:${sessionId}`, max: 5, windowMs: 15 * 60_000 },
	{
		key: `totp:acct:${accountId}`,
		max: 10,
		windowMs: 24 * 60 * 60_000,
		delay: { baseMs: 30_000, capMs: 15 * 60_000 }
	}
];

export interface TotpSetup {
	secret: string;
	uri: string;
	/** The otpauth:// URI as an inline SVG QR code. */
	svg: string;
}

/**
 * The pending secret of an account that has not confirmed TOTP yet, made on first visit and kept
 * until confirmed, so reloading the page does not invalidate a scanned code.
 */
export async function pendingTotpSetup(db: Executor, accountId: string): Promise<TotpSetup | null> {
	const [acc] = await db.select().from(account).where(eq(account.id, accountId));
	if (!acc || acc.totpConfirmedAt) return null;
	let secret = acc.totpSecret;
	if (!secret) {
		secret = new Secret({ size: 20 }).base32;
		await db.update(account).set({ totpSecret: secret }).where(eq(account.id, accountId));
	}
	const uri = totp(secret, acc.login).toString();
	const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { secret, uri, svg };
}

export type TotpResult =
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; code: 'totp.invalid' | 'totp.state' }
	| { ok: false; code: 'totp.throttled'; minutes: number };

/**
 * Checks a code for the session's account. With `confirm`, the pending secret becomes the account's
 * confirmed second factor (audited); otherwise the account must already have one. A code is used
 * once: its step is stored and a code of that step or an earlier one is refused (replay). On
 * success the session gets a new token (the one seen before the second factor stops working).
 */
export async function passSecondFactor(
	db: Db,
	input: { accountId: string; sessionId: string; code: string; ip: string; confirm: boolean },
	now = new Date()
): Promise<TotpResult> {
	const limits = totpLimits(input.accountId, input.sessionId, input.ip);
	const wait = await throttleWait(db, limits, now);
	if (wait > 0) return { ok: false, code: 'totp.throttled', minutes: waitMinutes(wait) };
	const [acc] = await db.select().from(account).where(eq(account.id, input.accountId));
	if (!acc?.totpSecret || !!acc.totpConfirmedAt === input.confirm)
		return { ok: false, code: 'totp.state' };
	const step = totpStep(acc.totpSecret, input.code, now.getTime());
	const rotated = await db.transaction(async (tx) => {
		if (step === null) return null;
		// Taking the step and checking it was not used is one conditional update (races too).
		const taken = await tx
			.update(account)
			.set({ totpLastStep: step })
			.where(
				and(
					eq(account.id, acc.id),
					or(isNull(account.totpLastStep), lt(account.totpLastStep, step))
				)
			)
			.returning({ id: account.id });
		if (taken.length === 0) return null;
		if (input.confirm) {
			await tx.update(account).set({ totpConfirmedAt: now }).where(eq(account.id, acc.id));
			await appendAudit(
				tx,
				{
					scope: 'platform',
					actorId: acc.id,
					action: 'account.totp.enable',
					subject: acc.id
				},
				now
			);
		}
		return rotateSession(tx, input.sessionId, { twoFactorAt: now });
	});
	if (!rotated) {
		await recordFailure(db, limits, now);
		return { ok: false, code: 'totp.invalid' };
	}
	await clearFailures(db, limits.slice(1));
	return { ok: true, token: rotated.token, expiresAt: rotated.expiresAt };
}
