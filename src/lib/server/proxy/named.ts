import { and, eq, isNull } from 'drizzle-orm';
import type { Executor, Db } from '../db/client';
import { account, assembly, proxyAuthorisation, proxyInvite } from '../db/schema';
import { appendAudit } from '../audit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { isThrottled, recordFailure, type Limit } from '../auth/throttle';
import { newId } from '../ids';
import { phoneDigits } from '../meeting/find';
import { generateCode, normaliseCode } from '../registration/codes';
import { personalDataHasher } from '../secrets';

const LOGIN = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

export type NamedCode = 'proxy.namedName' | 'proxy.namedPhone';

/** The name and phone the owner gave for a proxy who has no account yet, checked. */
export function readNamed(
	name: string,
	phone: string
): { ok: true; name: string; phone: string } | { ok: false; code: NamedCode } {
	const n = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
	if (n.length < 2 || n.length > 40) return { ok: false, code: 'proxy.namedName' };
	const p = phoneDigits(phone);
	if (!p || !/^1\d{10}$/.test(p)) return { ok: false, code: 'proxy.namedPhone' };
	return { ok: true, name: n, phone: p };
}

/**
 * Inside the authorisation's transaction: a disabled placeholder account for the named person and
 * the single-use code they register with (returned once, for the owner to hand over).
 */
export async function createNamedProxy(
	tx: Executor,
	named: { name: string; phone: string },
	createdBy: string
): Promise<{ accountId: string; code: string }> {
	const hash = await personalDataHasher(tx);
	const accountId = newId('acc');
	const code = generateCode();
	await tx.insert(account).values({
		id: accountId,
		// Not a login anyone can use (LOGIN has no colon); replaced at registration.
		login: `named:${accountId}`,
		displayName: named.name,
		passwordHash: '!',
		disabled: true
	});
	await tx.insert(proxyInvite).values({
		accountId,
		codeHash: hash('proxy-invite\n' + code),
		phoneHash: hash('proxy-phone\n' + named.phone),
		createdBy
	});
	return { accountId, code };
}

export type ClaimCode =
	| 'claim.code'
	| 'claim.phone'
	| 'claim.loginInvalid'
	| 'claim.loginTaken'
	| 'claim.passwordShort'
	| 'claim.throttled';

/** Wrong codes or phones from one address: ten an hour (a code has 80 random bits anyway). */
const limitsOf = (ip: string): Limit[] => [
	{ key: `proxy-claim:${ip}`, max: 10, windowMs: 3_600_000 }
];

/**
 * The named person registers as a proxy: the owner's code and the same phone number the owner
 * gave make the placeholder their account, with the login and password they choose.
 */
export async function claimNamedProxy(
	db: Db,
	input: { code: string; phone: string; login: string; password: string; ip?: string },
	now = new Date()
): Promise<{ ok: true; accountId: string } | { ok: false; code: ClaimCode }> {
	const limits = limitsOf(input.ip ?? 'local');
	if (await isThrottled(db, limits, now)) return { ok: false, code: 'claim.throttled' };
	const r = await claim(db, input, now);
	if (!r.ok && (r.code === 'claim.code' || r.code === 'claim.phone'))
		await recordFailure(db, limits, now);
	return r;
}

async function claim(
	db: Db,
	input: { code: string; phone: string; login: string; password: string },
	now: Date
): Promise<{ ok: true; accountId: string } | { ok: false; code: ClaimCode }> {
	const code = normaliseCode(input.code);
	if (!code) return { ok: false, code: 'claim.code' };
	const login = input.login.trim().toLowerCase();
	if (!LOGIN.test(login)) return { ok: false, code: 'claim.loginInvalid' };
	if (input.password.length < MIN_PASSWORD_LENGTH)
		return { ok: false, code: 'claim.passwordShort' };
	const hash = await personalDataHasher(db);
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const [invite] = await tx
			.select()
			.from(proxyInvite)
			.where(
				and(eq(proxyInvite.codeHash, hash('proxy-invite\n' + code)), isNull(proxyInvite.claimedAt))
			);
		if (!invite) return { ok: false, code: 'claim.code' } as const;
		const phone = phoneDigits(input.phone);
		if (!phone || hash('proxy-phone\n' + phone) !== invite.phoneHash)
			return { ok: false, code: 'claim.phone' } as const;
		const [taken] = await tx
			.select({ id: account.id })
			.from(account)
			.where(eq(account.login, login));
		if (taken) return { ok: false, code: 'claim.loginTaken' } as const;
		await tx
			.update(account)
			.set({ login, passwordHash, disabled: false })
			.where(eq(account.id, invite.accountId));
		await tx
			.update(proxyInvite)
			.set({ claimedAt: now })
			.where(eq(proxyInvite.accountId, invite.accountId));
		const [where] = await tx
			.select({ estateId: assembly.estateId })
			.from(proxyAuthorisation)
			.innerJoin(assembly, eq(assembly.id, proxyAuthorisation.assemblyId))
			.where(eq(proxyAuthorisation.proxyAccountId, invite.accountId))
			.limit(1);
		await appendAudit(
			tx,
			{
				scope: where?.estateId ?? 'platform',
				actorId: invite.accountId,
				action: 'proxy.claim',
				subject: invite.accountId,
				after: { invitedBy: invite.createdBy }
			},
			now
		);
		return { ok: true, accountId: invite.accountId } as const;
	});
}

export type ReissueCode = 'proxy.notFound' | 'proxy.state' | 'proxy.claimed';

/**
 * The owner gets a new registration code for a named proxy who lost theirs, while the authorisation
 * stands and the proxy has not registered: the old code stops working, the phone stays the one the
 * owner gave. The code is returned once and never stored or audited in clear.
 */
export async function reissueNamedCode(
	db: Db,
	input: { id: string; ownerId: string; actorId: string }
): Promise<{ ok: true; code: string } | { ok: false; code: ReissueCode }> {
	const hash = await personalDataHasher(db);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({
				state: proxyAuthorisation.state,
				accountId: proxyAuthorisation.proxyAccountId,
				estateId: assembly.estateId,
				claimedAt: proxyInvite.claimedAt
			})
			.from(proxyAuthorisation)
			.innerJoin(assembly, eq(assembly.id, proxyAuthorisation.assemblyId))
			.innerJoin(proxyInvite, eq(proxyInvite.accountId, proxyAuthorisation.proxyAccountId))
			.where(
				and(eq(proxyAuthorisation.id, input.id), eq(proxyAuthorisation.ownerId, input.ownerId))
			)
			.for('update', { of: proxyInvite });
		if (!row) return { ok: false, code: 'proxy.notFound' } as const;
		if (row.claimedAt) return { ok: false, code: 'proxy.claimed' } as const;
		if (row.state !== 'pending' && row.state !== 'verified')
			return { ok: false, code: 'proxy.state' } as const;
		const code = generateCode();
		await tx
			.update(proxyInvite)
			.set({ codeHash: hash('proxy-invite\n' + code) })
			.where(and(eq(proxyInvite.accountId, row.accountId), isNull(proxyInvite.claimedAt)));
		await appendAudit(tx, {
			scope: row.estateId,
			actorId: input.actorId,
			action: 'proxy.reissue',
			subject: input.id
		});
		return { ok: true, code } as const;
	});
}
