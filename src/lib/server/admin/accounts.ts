import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { account, place, roleGrant } from '../db/schema';
import { createAccount, type CreateAccountResult } from '../accounts';
import { appendAudit } from '../audit';
import type { Role } from '../auth/guard';
import { invalidateAllSessions } from '../auth/session';
import { getPlace } from '../places';
import { adminPaths, inScope } from './scope';

type StaffRole = Exclude<Role, 'owner'>;
const ROLE_PLACE: Record<StaffRole, string[]> = {
	admin: ['platform', 'district', 'street', 'community', 'estate'],
	oversight: ['street', 'community'],
	staff: ['estate']
};

export type AdminAccountResult =
	CreateAccountResult | { ok: false; code: 'account.placeKind' | 'admin.outOfScope' };

/** Staff accounts belong to an estate, oversight to a street or community; all within the actor's grant. */
export function adminCreateAccount(
	db: Db,
	actorId: string,
	input: { login: string; displayName: string; password: string; role: StaffRole; placeId: string }
): Promise<AdminAccountResult> {
	return db.transaction(async (tx) => {
		const target = await getPlace(tx, input.placeId);
		if (!target || !inScope(await adminPaths(tx, actorId), target.path))
			return { ok: false, code: 'admin.outOfScope' } as const;
		if (!ROLE_PLACE[input.role].includes(target.kind))
			return { ok: false, code: 'account.placeKind' } as const;
		const r = await createAccount(tx, {
			...input,
			grants: [{ role: input.role, placeId: input.placeId }]
		});
		if (r.ok) {
			await appendAudit(tx, {
				scope: 'platform',
				actorId,
				action: 'account.create',
				subject: r.id,
				after: {
					login: input.login.trim().toLowerCase(),
					displayName: input.displayName,
					role: input.role,
					placeId: input.placeId
				}
			});
		}
		return r;
	});
}

export interface ScopedAccount {
	id: string;
	login: string;
	displayName: string;
	disabled: boolean;
	hasTotp: boolean;
	grants: { role: Role; placeId: string; placeName: string; placeKind: string }[];
	/** Every grant of the account lies in the actor's scope, so the actor may manage it. */
	manageable: boolean;
}

/** The accounts with a grant in the actor's scope, showing only the grants in scope. */
export async function listScopedAccounts(db: Executor, actorId: string): Promise<ScopedAccount[]> {
	const paths = await adminPaths(db, actorId);
	if (!paths.length) return [];
	const rows = await db
		.select({
			id: account.id,
			login: account.login,
			displayName: account.displayName,
			disabled: account.disabled,
			totp: account.totpConfirmedAt,
			role: roleGrant.role,
			placeId: place.id,
			placeName: place.name,
			placeKind: place.kind,
			placePath: place.path
		})
		.from(account)
		.innerJoin(roleGrant, eq(roleGrant.accountId, account.id))
		.innerJoin(place, eq(place.id, roleGrant.placeId))
		.orderBy(asc(account.login), asc(place.path));
	const byId = new Map<string, ScopedAccount>();
	for (const r of rows) {
		const a = byId.get(r.id) ?? {
			id: r.id,
			login: r.login,
			displayName: r.displayName,
			disabled: r.disabled,
			hasTotp: !!r.totp,
			grants: [],
			manageable: true
		};
		byId.set(r.id, a);
		if (inScope(paths, r.placePath)) a.grants.push(r);
		else a.manageable = false;
	}
	return [...byId.values()]
		.filter((a) => a.grants.length)
		.map((a) => ({
			...a,
			manageable: a.manageable && a.id !== actorId,
			grants: a.grants.map(({ role, placeId, placeName, placeKind }) => ({
				role,
				placeId,
				placeName,
				placeKind
			}))
		}));
}

export type ManageCode = 'admin.outOfScope' | 'admin.self' | 'account.nameEmpty';

/** An admin may manage an account whose every grant lies under the admin's grants, never its own. */
export async function manageable(
	tx: Executor,
	actorId: string,
	accountId: string
): Promise<ManageCode | null> {
	if (actorId === accountId) return 'admin.self';
	const paths = await adminPaths(tx, actorId);
	const grants = await tx
		.select({ path: place.path })
		.from(roleGrant)
		.innerJoin(place, eq(place.id, roleGrant.placeId))
		.where(eq(roleGrant.accountId, accountId));
	if (!grants.length || !grants.every((g) => inScope(paths, g.path))) return 'admin.outOfScope';
	return null;
}

export type ManageResult = { ok: true } | { ok: false; code: ManageCode };

export type AccountChange =
	| { kind: 'rename'; displayName: string }
	| { kind: 'disable' }
	| { kind: 'enable' }
	| { kind: 'resetTotp' };

/**
 * Edits, disables, re-enables an account or resets its second factor, audited on the platform
 * chain. Disabling and a second-factor reset end the account's sessions.
 */
export function adminChangeAccount(
	db: Db,
	actorId: string,
	accountId: string,
	change: AccountChange,
	now = new Date()
): Promise<ManageResult> {
	return db.transaction(async (tx) => {
		const denied = await manageable(tx, actorId, accountId);
		if (denied) return { ok: false, code: denied } as const;
		const [before] = await tx
			.select({ displayName: account.displayName, disabled: account.disabled })
			.from(account)
			.where(eq(account.id, accountId));
		let after: Record<string, unknown> = {};
		if (change.kind === 'rename') {
			const displayName = change.displayName.trim();
			if (!displayName || displayName.length > 100) return { ok: false, code: 'account.nameEmpty' };
			await tx.update(account).set({ displayName }).where(eq(account.id, accountId));
			after = { displayName };
		} else if (change.kind === 'disable' || change.kind === 'enable') {
			const disabled = change.kind === 'disable';
			await tx.update(account).set({ disabled }).where(eq(account.id, accountId));
			if (disabled) await invalidateAllSessions(tx, accountId);
			after = { disabled };
		} else {
			await tx
				.update(account)
				.set({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null })
				.where(eq(account.id, accountId));
			await invalidateAllSessions(tx, accountId);
			after = { totp: 'reset' };
		}
		await appendAudit(
			tx,
			{
				scope: 'platform',
				actorId,
				action: `account.${change.kind}`,
				subject: accountId,
				before: change.kind === 'resetTotp' ? undefined : before,
				after
			},
			now
		);
		return { ok: true } as const;
	});
}
