import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/client';
import { disconnectSessions } from '../realtime/attach';
import { account, place, roleGrant, session } from '../db/schema';
import type { Grant } from './guard';

export const SESSION_COOKIE = 'gongyi_session';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** No session outlives this, however active: the user logs in again (absolute expiry). */
export const ABSOLUTE_LIFETIME_MS = 30 * DAY;
/** An owner's session ends after this long without a request (idle expiry). */
export const OWNER_IDLE_MS = 7 * DAY;
/** Staff, oversight and admin sessions act for many owners and end sooner when idle. */
export const STAFF_IDLE_MS = 12 * HOUR;

export type SessionAccount = Pick<
	typeof account.$inferSelect,
	'id' | 'login' | 'displayName' | 'locale' | 'ownerId' | 'totpSecret'
> & {
	/** The account confirmed a TOTP secret: every session needs the code, owners' too. */
	totpConfirmed: boolean;
};
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

/**
 * A new session starts with the shorter (staff) idle expiry; an owner's slides to the owner's on
 * its first request. The absolute expiry counts from `createdAt`.
 */
export async function createSession(
	db: Executor,
	token: string,
	accountId: string,
	now = new Date()
) {
	const row = {
		id: sessionIdOf(token),
		accountId,
		expiresAt: new Date(now.getTime() + STAFF_IDLE_MS),
		createdAt: now
	};
	await db.insert(session).values(row);
	return row;
}

/**
 * Replaces the session's token by a new one (the old one stops working at once), keeping its
 * account, age and expiry; `set` changes fields on the way (the second factor passing).
 * Null when the old session no longer exists.
 */
export async function rotateSession(
	db: Executor,
	oldId: string,
	set: { twoFactorAt?: Date } = {}
): Promise<{ token: string; id: string; expiresAt: Date } | null> {
	const [old] = await db.delete(session).where(eq(session.id, oldId)).returning();
	if (!old) return null;
	disconnectSessions([oldId]);
	const token = generateSessionToken();
	const id = sessionIdOf(token);
	await db.insert(session).values({ ...old, ...set, id });
	return { token, id, expiresAt: old.expiresAt };
}

function buildSessionLookup(db: Executor) {
	return db
		.select({
			id: session.id,
			expiresAt: session.expiresAt,
			createdAt: session.createdAt,
			twoFactorAt: session.twoFactorAt,
			account: {
				id: account.id,
				login: account.login,
				displayName: account.displayName,
				locale: account.locale,
				ownerId: account.ownerId,
				totpSecret: account.totpSecret,
				totpConfirmedAt: account.totpConfirmedAt,
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
 * for it). A session ends when idle past its expiry (7 days for owners, 12 hours for accounts
 * with staff, oversight or admin rights) or 30 days after it began; ended sessions are deleted.
 * Activity slides the idle expiry on, writing at most once per 1/24 of the idle time.
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
	const idle = grants.some((g) => g.role !== 'owner') ? STAFF_IDLE_MS : OWNER_IDLE_MS;
	const absoluteEnd = row.createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
	if (now >= row.expiresAt || now.getTime() >= absoluteEnd || row.account.disabled) {
		await db.delete(session).where(eq(session.id, id));
		return null;
	}
	let expiresAt = row.expiresAt;
	const target = Math.min(now.getTime() + idle, absoluteEnd);
	// Also when the expiry lies beyond the target: a staff grant added to a live owner session.
	const slid = target - expiresAt.getTime() >= idle / 24 || expiresAt.getTime() > target;
	if (slid) {
		expiresAt = new Date(target);
		await db.update(session).set({ expiresAt }).where(eq(session.id, id));
	}
	const { disabled: _disabled, totpConfirmedAt, ...rest } = row.account;
	const acc = { ...rest, totpConfirmed: !!totpConfirmedAt };
	return { id: row.id, expiresAt, twoFactorAt: row.twoFactorAt, slid, account: acc, grants };
}

/** Logout: the session and its sockets end (they stop receiving staff tallies at once). */
export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
	disconnectSessions([sessionId]);
}

/** On password change every session of the account ends. */
export async function invalidateAllSessions(db: Executor, accountId: string): Promise<void> {
	const gone = await db
		.delete(session)
		.where(eq(session.accountId, accountId))
		.returning({ id: session.id });
	disconnectSessions(gone.map((r) => r.id));
}
