import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/client';
import { account, place, roleGrant, session } from '../db/schema';
import type { Grant } from './guard';

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
	/** When the second factor was checked in this session, or null. */
	twoFactorAt: Date | null;
	/** True when this lookup extended the expiry (the cookie must follow). */
	slid: boolean;
	account: SessionAccount;
	grants: Grant[];
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

function buildSessionLookup(db: Executor) {
	return db
		.select({
			id: session.id,
			expiresAt: session.expiresAt,
			twoFactorAt: session.twoFactorAt,
			account: {
				id: account.id,
				login: account.login,
				displayName: account.displayName,
				locale: account.locale,
				ownerId: account.ownerId,
				totpSecret: account.totpSecret,
				disabled: account.disabled
			},
			role: roleGrant.role,
			placeId: place.id,
			placePath: place.path,
			placeKind: place.kind,
			placeName: place.name
		})
		.from(session)
		.innerJoin(account, eq(account.id, session.accountId))
		.leftJoin(roleGrant, eq(roleGrant.accountId, account.id))
		.leftJoin(place, eq(place.id, roleGrant.placeId))
		.where(eq(session.id, sql.placeholder('id')))
		.prepare('session_lookup');
}
type SessionLookup = ReturnType<typeof buildSessionLookup>;
const lookups = new WeakMap<Executor, SessionLookup>();

/** Every request runs this query: building it once per database saves the ORM's work per request. */
function sessionLookup(db: Executor): SessionLookup {
	let q = lookups.get(db);
	if (!q) lookups.set(db, (q = buildSessionLookup(db)));
	return q;
}

/**
 * Looks the token up with the account and its role grants in one round trip (every request pays
 * for it); expired sessions are deleted, and a session past half its life slides on.
 */
export async function validateSessionToken(
	db: Executor,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	const id = sessionIdOf(token);
	const rows = await sessionLookup(db).execute({ id });
	const row = rows[0];
	if (!row) return null;
	if (now >= row.expiresAt || row.account.disabled) {
		await db.delete(session).where(eq(session.id, id));
		return null;
	}
	let expiresAt = row.expiresAt;
	const slid = now.getTime() >= expiresAt.getTime() - LIFETIME / 2;
	if (slid) {
		expiresAt = new Date(now.getTime() + LIFETIME);
		await db.update(session).set({ expiresAt }).where(eq(session.id, id));
	}
	const grants: Grant[] = rows
		.filter((r) => r.role && r.placeId)
		.map((r) => ({
			role: r.role!,
			placeId: r.placeId!,
			placePath: r.placePath!,
			placeKind: r.placeKind!,
			placeName: r.placeName!
		}))
		.sort((a, b) => (a.placePath < b.placePath ? -1 : a.placePath > b.placePath ? 1 : 0));
	const { disabled: _disabled, ...acc } = row.account;
	return { id: row.id, expiresAt, twoFactorAt: row.twoFactorAt, slid, account: acc, grants };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
}

/** On password change every session of the account ends. */
export async function invalidateAllSessions(db: Executor, accountId: string): Promise<void> {
	await db.delete(session).where(eq(session.accountId, accountId));
}
