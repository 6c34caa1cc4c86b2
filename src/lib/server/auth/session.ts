import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/client';
import { account, session } from '../db/schema';

export const SESSION_COOKIE = 'gongyi_session';
const DAY = 24 * 60 * 60 * 1000;
const LIFETIME = 30 * DAY;

export type SessionAccount = Pick<
	typeof account.$inferSelect,
	'id' | 'login' | 'displayName' | 'locale' | 'ownerId' | 'totpSecret'
>;
export interface ValidSession {
	id: string;
	expiresAt: Date;
	account: SessionAccount;
}

/** 160 random bits; the cookie holds the token, the database only its SHA-256. */
export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Executor,
	token: string,
	accountId: string,
	now = new Date()
) {
	const row = { id: sessionIdOf(token), accountId, expiresAt: new Date(now.getTime() + LIFETIME) };
	await db.insert(session).values(row);
	return row;
}

/** Looks the token up; expired sessions are deleted, and a session past half its life slides on. */
export async function validateSessionToken(
	db: Executor,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	const id = sessionIdOf(token);
	const [row] = await db
		.select({
			id: session.id,
			expiresAt: session.expiresAt,
			account: {
				id: account.id,
				login: account.login,
				displayName: account.displayName,
				locale: account.locale,
				ownerId: account.ownerId,
				totpSecret: account.totpSecret,
				disabled: account.disabled
			}
		})
		.from(session)
		.innerJoin(account, eq(account.id, session.accountId))
		.where(eq(session.id, id));
	if (!row) return null;
	if (now >= row.expiresAt || row.account.disabled) {
		await db.delete(session).where(eq(session.id, id));
		return null;
	}
	if (now.getTime() >= row.expiresAt.getTime() - LIFETIME / 2) {
		row.expiresAt = new Date(now.getTime() + LIFETIME);
		await db.update(session).set({ expiresAt: row.expiresAt }).where(eq(session.id, id));
	}
	const { disabled: _disabled, ...acc } = row.account;
	return { id: row.id, expiresAt: row.expiresAt, account: acc };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
}

/** On password change every session of the account ends. */
export async function invalidateAllSessions(db: Executor, accountId: string): Promise<void> {
	await db.delete(session).where(eq(session.accountId, accountId));
}
