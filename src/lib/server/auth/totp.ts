import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db, Executor } from '../db/client';
import { account, session } from '../db/schema';
import { appendAudit } from '../audit';
import type { Grant } from './guard';
import { clearFailures, isThrottled, recordFailure, type Limit } from './throttle';

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

/** Staff, oversight and admins act for many owners; their accounts need a second factor. */
export function requiresSecondFactor(grants: Pick<Grant, 'role'>[]): boolean {
	return grants.some((g) => g.role !== 'owner');
}

/** When this session passed the second factor, or null. */
export async function sessionTwoFactorAt(db: Executor, sessionId: string): Promise<Date | null> {
	const [row] = await db
		.select({ at: session.twoFactorAt })
		.from(session)
		.where(eq(session.id, sessionId));
	return row?.at ?? null;
}

/** Whether the account has confirmed a TOTP secret (else the code page sends it to setup). */
export async function hasConfirmedTotp(db: Executor, accountId: string): Promise<boolean> {
	const [acc] = await db
		.select({ confirmed: account.totpConfirmedAt })
		.from(account)
		.where(eq(account.id, accountId));
	return !!acc?.confirmed;
}

/** ±1 step (30 s either side) for phones whose clock drifts a little. */
export function checkTotp(secret: string, code: string, now = Date.now()): boolean {
	const c = code.normalize('NFKC').replace(/\s/g, '');
	if (!/^\d{6}$/.test(c)) return false;
	return totp(secret, 'x').validate({ token: c, timestamp: now, window: 1 }) !== null;
}

export const totpLimits = (accountId: string, ip: string): Limit[] => [
	{ key: `totp:ip:${ip}`, max: 30, windowMs: 15 * 60_000 },
	{ key: `totp:acct:${accountId}:${ip}`, max: 5, windowMs: 15 * 60_000 }
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
	{ ok: true } | { ok: false; code: 'totp.invalid' | 'totp.throttled' | 'totp.state' };

/**
 * Checks a code for the session's account. With `confirm`, the pending secret becomes the account's
 * confirmed second factor (audited); otherwise the account must already have one.
 */
export async function passSecondFactor(
	db: Db,
	input: { accountId: string; sessionId: string; code: string; ip: string; confirm: boolean },
	now = new Date()
): Promise<TotpResult> {
	const limits = totpLimits(input.accountId, input.ip);
	if (await isThrottled(db, limits, now)) return { ok: false, code: 'totp.throttled' };
	const [acc] = await db.select().from(account).where(eq(account.id, input.accountId));
	if (!acc?.totpSecret || !!acc.totpConfirmedAt === input.confirm)
		return { ok: false, code: 'totp.state' };
	if (!checkTotp(acc.totpSecret, input.code, now.getTime())) {
		await recordFailure(db, limits, now);
		return { ok: false, code: 'totp.invalid' };
	}
	await clearFailures(db, limits.slice(1));
	await db.transaction(async (tx) => {
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
		await tx.update(session).set({ twoFactorAt: now }).where(eq(session.id, input.sessionId));
	});
	return { ok: true };
}
