import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import { account, auditLog, passkey } from '../../src/lib/server/db/schema';
import { finishLogin } from '../../src/lib/server/passkeys/ceremony';
import {
	CHALLENGE_TTL_MS,
	addPasskey,
	listPasskeys,
	removePasskey,
	saveChallenge,
	takeChallenge
} from '../../src/lib/server/passkeys/store';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { describeEngines } from './engines';

async function twoAccounts(db: Db) {
	await db.insert(account).values([
		{ id: 'acc_a', login: 'alice', displayName: 'Alice', passwordHash: 'unused' },
		{ id: 'acc_b', login: 'bob', displayName: 'Bob', passwordHash: 'unused' }
	]);
}

const key = (id: string, accountId: string) => ({
	id,
	accountId,
	publicKey: 'pQECAyYgASFYIA',
	counter: 0,
	transports: ['internal'],
	label: `key ${id}`
});

describeEngines('passkeys', (db) => {
	it('answers a challenge once, and never after it expired', async () => {
		await twoAccounts(db());
		const now = new Date('2026-05-01T08:00:00Z');
		const c = { accountId: 'acc_a', challenge: 'ch-1', purpose: 'register' as const };
		const id = await saveChallenge(db(), c, now);
		const q = { id, purpose: 'register' as const, accountId: 'acc_a' };
		expect(await takeChallenge(db(), q, now)).toBe('ch-1');
		expect(await takeChallenge(db(), q, now)).toBeNull();

		const late = await saveChallenge(db(), c, now);
		const after = new Date(now.getTime() + CHALLENGE_TTL_MS + 1);
		expect(await takeChallenge(db(), { ...q, id: late }, after)).toBeNull();
	});

	it('refuses a challenge for another purpose or account, and burns it', async () => {
		await twoAccounts(db());
		const id = await saveChallenge(db(), {
			accountId: 'acc_a',
			challenge: 'ch-2',
			purpose: 'register'
		});
		expect(await takeChallenge(db(), { id, purpose: 'register', accountId: 'acc_b' })).toBeNull();
		expect(await takeChallenge(db(), { id, purpose: 'register', accountId: 'acc_a' })).toBeNull();
		const login = await saveChallenge(db(), {
			accountId: null,
			challenge: 'ch-3',
			purpose: 'login'
		});
		expect(
			await takeChallenge(db(), { id: login, purpose: 'register', accountId: null })
		).toBeNull();
	});

	it('lets an account delete only its own passkeys, audited on the platform chain', async () => {
		await twoAccounts(db());
		expect(await addPasskey(db(), key('cred-a', 'acc_a'))).toEqual({ ok: true });
		expect(await addPasskey(db(), key('cred-b', 'acc_b'))).toEqual({ ok: true });
		expect(await addPasskey(db(), key('cred-a', 'acc_b'))).toEqual({
			ok: false,
			code: 'passkey.duplicate'
		});

		expect(await removePasskey(db(), 'acc_a', 'cred-b')).toEqual({
			ok: false,
			code: 'passkey.notFound'
		});
		expect((await listPasskeys(db(), 'acc_b')).map((k) => k.id)).toEqual(['cred-b']);
		expect(await removePasskey(db(), 'acc_a', 'cred-a')).toEqual({ ok: true });
		expect(await listPasskeys(db(), 'acc_a')).toEqual([]);

		const audit = await db()
			.select({ action: auditLog.action, scope: auditLog.scope, actor: auditLog.actorId })
			.from(auditLog)
			.orderBy(auditLog.seq);
		expect(audit).toEqual([
			{ action: 'passkey.add', scope: 'platform', actor: 'acc_a' },
			{ action: 'passkey.add', scope: 'platform', actor: 'acc_b' },
			{ action: 'passkey.remove', scope: 'platform', actor: 'acc_a' }
		]);
	});

	it('drops the passkeys with their account', async () => {
		await twoAccounts(db());
		// Inserted directly: an audited add would keep the account referenced by the audit trail.
		await db().insert(passkey).values(key('cred-a', 'acc_a'));
		await db().delete(account).where(eq(account.id, 'acc_a'));
		expect(await db().select().from(passkey)).toEqual([]);
	});

	it('refuses a login with a spent challenge and throttles the IP after repeated failures', async () => {
		await twoAccounts(db());
		await addPasskey(db(), key('cred-a', 'acc_a'));
		const challengeId = await saveChallenge(db(), {
			accountId: null,
			challenge: 'ch-4',
			purpose: 'login'
		});
		const response = { id: 'cred-a', type: 'public-key' } as AuthenticationResponseJSON;
		const forged = await finishLogin(db(), { challengeId, response, ip: '10.0.0.9' });
		expect(forged).toEqual({ ok: false, code: 'passkey.invalid' });
		const replay = await finishLogin(db(), { challengeId, response, ip: '10.0.0.9' });
		expect(replay).toEqual({ ok: false, code: 'passkey.expired' });
		for (let i = 0; i < 18; i++)
			await finishLogin(db(), { challengeId: 'wac_none', response, ip: '10.0.0.9' });
		const blocked = await finishLogin(db(), { challengeId, response, ip: '10.0.0.9' });
		expect(blocked).toEqual({ ok: false, code: 'passkey.throttled' });
		const elsewhere = await finishLogin(db(), { challengeId, response, ip: '10.0.0.10' });
		expect(elsewhere).toEqual({ ok: false, code: 'passkey.expired' });
	});
});
