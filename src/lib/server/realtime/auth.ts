import { parse } from 'cookie';
import type { Db } from '../db/client';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { setSocketAuthenticator } from './attach';

/** Sockets authenticate from the same session cookie as pages do. */
export function registerSocketAuth(db: Db): void {
	setSocketAuthenticator(async (cookieHeader) => {
		const token = parse(cookieHeader ?? '')[SESSION_COOKIE];
		if (!token) return null;
		const session = await validateSessionToken(db, token);
		if (!session) return null;
		// Whether this session passed TOTP: staff and oversight rights need it (see live.ts).
		return {
			accountId: session.account.id,
			sessionId: session.id,
			secondFactor: session.twoFactorAt !== null
		};
	});
}
