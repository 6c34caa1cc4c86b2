import type { Db } from '../db/client';
import { checkCredentials } from '../accounts';
import { createSession, generateSessionToken } from './session';
import { clearFailures, isThrottled, loginLimits, recordFailure } from './throttle';

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; accountId: string }
	| { ok: false; code: 'login.invalid' | 'login.throttled' };

/** Password login, throttled per IP and per (account, IP). */
export async function logIn(
	db: Db,
	login: string,
	password: string,
	ip: string
): Promise<LoginResult> {
	const limits = loginLimits(login, ip);
	if (await isThrottled(db, limits)) return { ok: false, code: 'login.throttled' };
	const acc = await checkCredentials(db, login, password);
	if (!acc) {
		await recordFailure(db, limits);
		return { ok: false, code: 'login.invalid' };
	}
	// Only the pair counter is cleared: a success on one account must not reset the IP counter.
	await clearFailures(db, limits.slice(1));
	const token = generateSessionToken();
	const s = await createSession(db, token, acc.id);
	return { ok: true, token, expiresAt: s.expiresAt, accountId: acc.id };
}
