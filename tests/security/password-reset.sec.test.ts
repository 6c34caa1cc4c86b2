import { expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import {
	adminIssueResetCode,
	issueOwnerResetCode,
	redeemResetCode,
	RESET_LIFETIME_MS
} from '../../src/lib/server/auth/password-reset';
import { logIn } from '../../src/lib/server/auth/login';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { auditLog } from '../../src/lib/server/db/schema';
import { describeEngines } from '../int/engines';
import { PASSWORD, twoDistricts } from './fixture';

describeEngines('password reset through staff in person', (db) => {
	async function owner(estateId: string, login = 'laowang') {
		const r = await createAccount(db(), {
			login,
			displayName: '老王',
			password: PASSWORD,
			grants: [{ role: 'owner', placeId: estateId }]
		});
		if (!r.ok) throw new Error();
		return r.id;
	}

	it('a one-time code resets the password once, ends sessions, and is audited', async () => {
		const f = await twoDistricts(db());
		const id = await owner(f.a.estate);
		const token = generateSessionToken();
		await createSession(db(), token, id);
		const issued = await issueOwnerResetCode(db(), {
			actorId: f.staffA,
			estateId: f.a.estate,
			login: 'LaoWang'
		});
		if (!issued.ok) throw new Error(issued.code);
		const typed = issued.code.toLowerCase().replace(/(.{4})/g, '$1 ');
		const input = { login: 'laowang', code: typed, password: 'brand-new-pw', ip: '1.2.3.4' };
		expect(await redeemResetCode(db(), input)).toEqual({ ok: true });
		expect(await validateSessionToken(db(), token)).toBeNull();
		expect((await logIn(db(), 'laowang', 'brand-new-pw', '1.2.3.4')).ok).toBe(true);
		// Used once: the same code no longer works.
		expect(await redeemResetCode(db(), { ...input, password: 'another-pw-1' })).toEqual({
			ok: false,
			code: 'reset.invalid'
		});
		const actions = (await db().select().from(auditLog)).map((r) => r.action);
		expect(actions).toContain('account.passwordReset.issue');
		expect(actions).toContain('account.passwordReset.redeem');
		// The code itself is nowhere in the audit trail.
		const bodies = (await db().select().from(auditLog)).map((r) => r.body).join('\n');
		expect(bodies).not.toContain(issued.code);
	});

	it('expires, and a newer code replaces an older one', async () => {
		const f = await twoDistricts(db());
		await owner(f.a.estate);
		const t0 = new Date('2026-06-01T08:00:00Z');
		const first = await issueOwnerResetCode(
			db(),
			{ actorId: f.staffA, estateId: f.a.estate, login: 'laowang' },
			t0
		);
		const second = await issueOwnerResetCode(
			db(),
			{ actorId: f.staffA, estateId: f.a.estate, login: 'laowang' },
			t0
		);
		if (!first.ok || !second.ok) throw new Error();
		const at = (ms: number) => new Date(t0.getTime() + ms);
		const base = { login: 'laowang', password: 'brand-new-pw', ip: '1.2.3.5' };
		expect(await redeemResetCode(db(), { ...base, code: first.code }, at(1000))).toEqual({
			ok: false,
			code: 'reset.invalid'
		});
		expect(
			await redeemResetCode(db(), { ...base, code: second.code }, at(RESET_LIFETIME_MS + 1))
		).toEqual({ ok: false, code: 'reset.invalid' });
	});

	it('staff reset only owners of their own estate; admins only accounts in scope', async () => {
		const f = await twoDistricts(db());
		await owner(f.b.estate, 'owner-b');
		expect(
			await issueOwnerResetCode(db(), { actorId: f.staffA, estateId: f.a.estate, login: 'owner-b' })
		).toEqual({ ok: false, code: 'reset.notOwner' });
		// Staff cannot reset a staff account, even of their estate.
		expect(
			await issueOwnerResetCode(db(), { actorId: f.staffA, estateId: f.a.estate, login: 'staffa' })
		).toEqual({ ok: false, code: 'reset.notOwner' });
		expect(await adminIssueResetCode(db(), f.adminA, f.staffB)).toEqual({
			ok: false,
			code: 'admin.outOfScope'
		});
		expect((await adminIssueResetCode(db(), f.adminA, f.staffA)).ok).toBe(true);
	});

	it('guessing is throttled per address', async () => {
		const f = await twoDistricts(db());
		await owner(f.a.estate);
		const input = {
			login: 'laowang',
			code: 'AAAA-BBBB-CCCC',
			password: 'brand-new-pw',
			ip: '9.9.9.9'
		};
		for (let i = 0; i < 20; i++) expect((await redeemResetCode(db(), input)).ok).toBe(false);
		expect(await redeemResetCode(db(), input)).toEqual({ ok: false, code: 'reset.throttled' });
		expect(await redeemResetCode(db(), { ...input, ip: '9.9.9.8' })).toEqual({
			ok: false,
			code: 'reset.invalid'
		});
	});
});
