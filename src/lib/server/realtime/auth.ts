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
		return session ? { accountId: session.account.id } : null;
	});
}
