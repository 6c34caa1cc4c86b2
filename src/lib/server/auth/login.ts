import type { Db } from '../db/client';
import { checkCredentials } from '../accounts';
import { createSession, generateSessionToken } from './session';
import { clearFailures, loginLimits, recordFailure, throttleWait, waitMinutes } from './throttle';

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; accountId: string }
	| { ok: false; code: 'login.invalid' }
	| { ok: false; code: 'login.throttled'; minutes: number };

/** Password login, throttled per account (growing delays) and loosely per address. */
export async function logIn(
	db: Db,
	login: string,
	password: string,
	ip: string,
	now = new Date()
): Promise<LoginResult> {
	const limits = loginLimits(login, ip);
	const wait = await throttleWait(db, limits, now);
	if (wait > 0) return { ok: false, code: 'login.throttled', minutes: waitMinutes(wait) };
	const acc = await checkCredentials(db, login, password);
	if (!acc) {
		await recordFailure(db, limits, now);
		return { ok: false, code: 'login.invalid' };
	}
	// Only the account's counter is cleared: a success must not reset the address's.
	await clearFailures(db, limits.slice(1));
	const token = generateSessionToken();
	const s = await createSession(db, token, acc.id, now);
	return { ok: true, token, expiresAt: s.expiresAt, accountId: acc.id };
}
