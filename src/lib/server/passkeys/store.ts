import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { passkey, webauthnChallenge } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';

/** Long enough for a phone's biometric prompt, short enough that a leaked challenge is useless. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export type Purpose = 'register' | 'login';
export type Passkey = typeof passkey.$inferSelect;

/** Stores a fresh challenge (and drops expired ones so the table stays small); returns its id. */
export async function saveChallenge(
	db: Executor,
	c: { accountId: string | null; challenge: string; purpose: Purpose },
	now = new Date()
): Promise<string> {
	await db.delete(webauthnChallenge).where(lt(webauthnChallenge.expiresAt, now));
	const id = newId('wac');
	await db
		.insert(webauthnChallenge)
		.values({ id, ...c, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
	return id;
}

/**
 * Consumes a challenge: it is deleted whether or not it is still valid, so each can be answered
 * at most once. A register challenge only counts for the account it was issued to.
 */
export async function takeChallenge(
	db: Executor,
	q: { id: string; purpose: Purpose; accountId: string | null },
	now = new Date()
): Promise<string | null> {
	const [row] = await db
		.delete(webauthnChallenge)
		.where(eq(webauthnChallenge.id, q.id))
		.returning();
	if (!row || row.purpose !== q.purpose || row.expiresAt <= now) return null;
	if (row.accountId !== q.accountId) return null;
	return row.challenge;
}

export async function listPasskeys(db: Executor, accountId: string): Promise<Passkey[]> {
	return db
		.select()
		.from(passkey)
		.where(eq(passkey.accountId, accountId))
		.orderBy(asc(passkey.createdAt));
}

export async function findPasskey(db: Executor, id: string): Promise<Passkey | null> {
	const [row] = await db.select().from(passkey).where(eq(passkey.id, id));
	return row ?? null;
}

export type NewPasskey = Pick<
	Passkey,
	'id' | 'accountId' | 'publicKey' | 'counter' | 'transports' | 'label'
>;

export async function addPasskey(
	db: Db,
	p: NewPasskey
): Promise<{ ok: true } | { ok: false; code: 'passkey.duplicate' }> {
	return db.transaction(async (tx) => {
		if (await findPasskey(tx, p.id)) return { ok: false, code: 'passkey.duplicate' } as const;
		await tx.insert(passkey).values(p);
		await appendAudit(tx, {
			scope: 'platform',
			actorId: p.accountId,
			action: 'passkey.add',
			subject: p.accountId,
			after: { credential: p.id, label: p.label }
		});
		return { ok: true } as const;
	});
}

/** Deletes one of the account's own passkeys; another account's credential counts as not found. */
export async function removePasskey(
	db: Db,
	accountId: string,
	id: string
): Promise<{ ok: true } | { ok: false; code: 'passkey.notFound' }> {
	return db.transaction(async (tx) => {
		const [gone] = await tx
			.delete(passkey)
			.where(and(eq(passkey.id, id), eq(passkey.accountId, accountId)))
			.returning();
		if (!gone) return { ok: false, code: 'passkey.notFound' } as const;
		await appendAudit(tx, {
			scope: 'platform',
			actorId: accountId,
			action: 'passkey.remove',
			subject: accountId,
			before: { credential: gone.id, label: gone.label }
		});
		return { ok: true } as const;
	});
}

/** After a successful login: the authenticator's new signature counter and the time of use. */
export async function touchPasskey(db: Executor, id: string, counter: number, now = new Date()) {
	await db.update(passkey).set({ counter, lastUsedAt: now }).where(eq(passkey.id, id));
}
