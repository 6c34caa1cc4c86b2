import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import {
	ABSOLUTE_LIFETIME_MS,
	createSession,
	generateSessionToken,
	OWNER_IDLE_MS,
	sessionIdOf,
	STAFF_IDLE_MS,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { passSecondFactor, sessionNeedsSecondFactor } from '../../src/lib/server/auth/totp';
import { account } from '../../src/lib/server/db/schema';
import { describeEngines } from '../int/engines';
import { PASSWORD, twoDistricts } from './fixture';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const T0 = new Date('2026-06-01T08:00:10Z');
const code = (at: Date) =>
	new TOTP({ secret: Secret.fromBase32(SECRET), digits: 6, period: 30 }).generate({
		timestamp: at.getTime()
	});
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEngines('second factor and sessions', (db) => {
	async function withTotp(accountId: string) {
		await db()
			.update(account)
			.set({ totpSecret: SECRET, totpConfirmedAt: T0 })
			.where(eq(account.id, accountId));
	}
	async function session(accountId: string, now = T0) {
		const token = generateSessionToken();
		await createSession(db(), token, accountId, now);
		return token;
	}
	const pass = (accountId: string, token: string, c: string, now: Date, ip = '10.1.0.1') =>
		passSecondFactor(
			db(),
			{ accountId, sessionId: sessionIdOf(token), code: c, ip, confirm: false },
			now
		);

	it('#4 a TOTP code is used once; a code of the same or an earlier step is refused', async () => {
		const f = await twoDistricts(db());
		await withTotp(f.staffA);
		const first = await pass(f.staffA, await session(f.staffA), code(T0), T0);
		expect(first.ok).toBe(true);
		// The same code again, from another session and address, within its 30 s.
		const again = await pass(f.staffA, await session(f.staffA), code(T0), at(5_000), '10.1.0.2');
		expect(again).toEqual({ ok: false, code: 'totp.invalid' });
		// The previous step's code (still inside the ±1 step window) is older than the used one.
		const earlier = await pass(f.staffA, await session(f.staffA), code(at(-30_000)), at(6_000));
		expect(earlier).toEqual({ ok: false, code: 'totp.invalid' });
		// The next step's code works.
		const next = await pass(f.staffA, await session(f.staffA), code(at(30_000)), at(30_000));
		expect(next.ok).toBe(true);
		const [row] = await db().select().from(account).where(eq(account.id, f.staffA));
		expect(row.totpLastStep).toBe(Math.floor(T0.getTime() / 30_000) + 1);
	});

	it('#19 passing the second factor gives the session a new token; the old one ends', async () => {
		const f = await twoDistricts(db());
		await withTotp(f.staffA);
		const before = await session(f.staffA);
		const r = await pass(f.staffA, before, code(T0), T0);
		if (!r.ok) throw new Error(r.code);
		expect(r.token).not.toBe(before);
		expect(await validateSessionToken(db(), before, at(1000))).toBeNull();
		const after = await validateSessionToken(db(), r.token, at(1000));
		expect(after?.account.id).toBe(f.staffA);
		expect(after?.twoFactorAt?.getTime()).toBe(T0.getTime());
		expect(sessionNeedsSecondFactor(after!)).toBe(false);
	});

	it('#16 an owner who turned TOTP on is asked for it; one who did not is not', async () => {
		const f = await twoDistricts(db());
		const mk = async (login: string) => {
			const r = await createAccount(db(), {
				login,
				displayName: login,
				password: PASSWORD,
				grants: [{ role: 'owner', placeId: f.a.estate }]
			});
			if (!r.ok) throw new Error();
			return r.id;
		};
		const withCode = await mk('owner-totp');
		const plain = await mk('owner-plain');
		await withTotp(withCode);
		const s1 = await validateSessionToken(db(), await session(withCode), at(1000));
		const s2 = await validateSessionToken(db(), await session(plain), at(1000));
		expect(sessionNeedsSecondFactor(s1!)).toBe(true);
		expect(sessionNeedsSecondFactor(s2!)).toBe(false);
	});

	it('sessions end when idle (owners 7 days, staff 12 hours) and 30 days after login', async () => {
		const f = await twoDistricts(db());
		const r = await createAccount(db(), {
			login: 'owner-idle',
			displayName: 'o',
			password: PASSWORD,
			grants: [{ role: 'owner', placeId: f.a.estate }]
		});
		if (!r.ok) throw new Error();
		// Owner: a request every 6 days keeps the session, until 30 days after login (the first
		// request, the page after the login form, sets the owner's idle time).
		const owner = await session(r.id);
		expect(await validateSessionToken(db(), owner, at(1000))).not.toBeNull();
		for (let d = 6; d < 30; d += 6) {
			expect(await validateSessionToken(db(), owner, at(d * 86400_000))).not.toBeNull();
		}
		expect(await validateSessionToken(db(), owner, at(ABSOLUTE_LIFETIME_MS))).toBeNull();
		// Owner idle past 7 days.
		const idle = await session(r.id);
		expect(await validateSessionToken(db(), idle, at(1000))).not.toBeNull();
		expect(await validateSessionToken(db(), idle, at(1000 + OWNER_IDLE_MS))).toBeNull();
		// Staff: 11 hours apart is fine, 12 hours idle ends it.
		const staff = await session(f.staffA);
		expect(await validateSessionToken(db(), staff, at(11 * 3600_000))).not.toBeNull();
		expect(await validateSessionToken(db(), staff, at(22 * 3600_000))).not.toBeNull();
		expect(await validateSessionToken(db(), staff, at(22 * 3600_000 + STAFF_IDLE_MS))).toBeNull();
	});
});
