import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor } from './db/client';
import { appendAudit } from './audit';
import { account, place, roleGrant } from './db/schema';
import { newId } from './ids';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './auth/password';
import type { Grant, Role } from './auth/guard';
import { invalidateAllSessions } from './auth/session';

const LOGIN = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

export type CreateAccountResult =
	| { ok: true; id: string }
	| {
			ok: false;
			code:
				| 'account.loginInvalid'
				| 'account.loginTaken'
				| 'account.passwordShort'
				| 'account.nameEmpty';
	  };

/** Creates an account with its role grants; logins are lowercase and unique. */
export async function createAccount(
	db: Executor,
	input: {
		login: string;
		displayName: string;
		password: string;
		grants: { role: Role; placeId: string }[];
		ownerId?: string | null;
		id?: string;
	}
): Promise<CreateAccountResult> {
	const login = input.login.trim().toLowerCase();
	if (!LOGIN.test(login)) return { ok: false, code: 'account.loginInvalid' };
	if (!input.displayName.trim()) return { ok: false, code: 'account.nameEmpty' };
	if (input.password.length < MIN_PASSWORD_LENGTH)
		return { ok: false, code: 'account.passwordShort' };
	const [taken] = await db.select({ id: account.id }).from(account).where(eq(account.login, login));
	if (taken) return { ok: false, code: 'account.loginTaken' };
	const id = input.id ?? newId('acc');
	await db.insert(account).values({
		id,
		login,
		displayName: input.displayName.trim(),
		passwordHash: await hashPassword(input.password),
		ownerId: input.ownerId ?? null
	});
	if (input.grants.length) {
		await db.insert(roleGrant).values(input.grants.map((g) => ({ accountId: id, ...g })));
	}
	return { ok: true, id };
}

export async function grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
	const rows = await db
		.select({
			role: roleGrant.role,
			placeId: place.id,
			placePath: place.path,
			placeKind: place.kind,
			placeName: place.name
		})
		.from(roleGrant)
		.innerJoin(place, eq(place.id, roleGrant.placeId))
		.where(eq(roleGrant.accountId, accountId))
		.orderBy(asc(place.path));
	return rows;
}

/** Accounts with their grants, for the admin console and the CLI. */
export async function listAccounts(db: Executor) {
	return db
		.select({
			id: account.id,
			login: account.login,
			displayName: account.displayName,
			role: roleGrant.role,
			placeId: roleGrant.placeId,
			placeName: place.name
		})
		.from(account)
		.leftJoin(roleGrant, eq(roleGrant.accountId, account.id))
		.leftJoin(place, eq(place.id, roleGrant.placeId))
		.orderBy(asc(account.login), asc(roleGrant.role));
}

/** Checks the login and password; the caller handles throttling. */
export async function checkCredentials(db: Executor, login: string, password: string) {
	const [row] = await db
		.select()
		.from(account)
		.where(and(eq(account.login, login.trim().toLowerCase()), eq(account.disabled, false)));
	// Hash anyway when the login is unknown, so timing does not reveal which logins exist.
	dummyHash ??= hashPassword('not a password of anyone');
	const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), password);
	return ok && row ? row : null;
}
let dummyHash: Promise<string> | undefined;

export type ChangePasswordResult =
	{ ok: true } | { ok: false; code: 'password.wrong' | 'account.passwordShort' };

/** A password change ends every session of the account, audited. */
export async function changePassword(
	db: Db,
	accountId: string,
	current: string,
	next: string
): Promise<ChangePasswordResult> {
	const [row] = await db.select().from(account).where(eq(account.id, accountId));
	if (!row || !(await verifyPassword(row.passwordHash, current)))
		return { ok: false, code: 'password.wrong' };
	if (next.length < MIN_PASSWORD_LENGTH) return { ok: false, code: 'account.passwordShort' };
	const passwordHash = await hashPassword(next);
	await db.transaction(async (tx) => {
		await tx.update(account).set({ passwordHash }).where(eq(account.id, accountId));
		await invalidateAllSessions(tx, accountId);
		await appendAudit(tx, {
			scope: 'platform',
			actorId: accountId,
			action: 'account.password.change',
			subject: accountId
		});
	});
	return { ok: true };
}
