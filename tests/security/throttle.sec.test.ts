import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { logIn } from '../../src/lib/server/auth/login';
import {
	createSession,
	generateSessionToken,
	sessionIdOf
} from '../../src/lib/server/auth/session';
import { passSecondFactor } from '../../src/lib/server/auth/totp';
import { account } from '../../src/lib/server/db/schema';
import { describeEngines } from '../int/engines';
import { PASSWORD, twoDistricts } from './fixture';

const T0 = new Date('2026-06-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEngines('#10 login and code throttling', (db) => {
	it('200 wrong passwords for one account from 40 addresses: 5 are checked, then delays', async () => {
		await twoDistricts(db());
		const codes: string[] = [];
		for (let i = 0; i < 200; i++) {
			const r = await logIn(db(), 'staffa', `guess-${i}`, `10.2.0.${i % 40}`, at(i * 10));
			codes.push(r.ok ? 'ok' : r.code);
		}
		expect(codes.filter((c) => c === 'login.invalid').length).toBe(5);
		expect(codes.filter((c) => c === 'login.throttled').length).toBe(195);
		// An attacker who waits each delay out gets few guesses: 2 s, 4 s, 8 s … capped at 5 min.
		let t = 2_000;
		let guesses = 0;
		while (t < 60 * 60_000) {
			const r = await logIn(db(), 'staffa', 'still-wrong', '10.3.0.1', at(t + 1_000));
			expect(r).toEqual({ ok: false, code: 'login.invalid' });
			guesses++;
			t = t + 1_000 + Math.min(2_000 * 2 ** guesses, 5 * 60_000);
		}
		// Waiting each delay out (plus 1 s): 18 guesses in the first hour, then 12 an hour.
		expect(guesses).toBe(18);
		// Not a lockout: 5 minutes after the latest failure the owner's right password works.
		const last = t - Math.min(2_000 * 2 ** guesses, 5 * 60_000);
		const mine = await logIn(db(), 'staffa', PASSWORD, '10.9.9.9', at(last + 5 * 60_000 + 1));
		expect(mine.ok).toBe(true);
	});

	it('30 failures on made-up logins from one address do not lock out its other users', async () => {
		await twoDistricts(db());
		for (let i = 0; i < 30; i++)
			expect(await logIn(db(), `nobody-${i}`, 'x', '10.4.0.1', at(i))).toEqual({
				ok: false,
				code: 'login.invalid'
			});
		expect((await logIn(db(), 'staffa', PASSWORD, '10.4.0.1', at(100))).ok).toBe(true);
		// The address limit is loose, but there is one: the 101st failure in 15 minutes waits.
		for (let i = 30; i < 100; i++) await logIn(db(), `nobody-${i}`, 'x', '10.4.0.1', at(200 + i));
		expect(await logIn(db(), 'staffb', PASSWORD, '10.4.0.1', at(1000))).toEqual({
			ok: false,
			code: 'login.throttled',
			minutes: 15
		});
		expect((await logIn(db(), 'staffb', PASSWORD, '10.4.0.2', at(1000))).ok).toBe(true);
	});

	it('wrong TOTP codes are limited per session and per account, not per address', async () => {
		const f = await twoDistricts(db());
		await db()
			.update(account)
			.set({ totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totpConfirmedAt: T0 })
			.where(eq(account.id, f.staffA));
		const newSession = async () => {
			const token = generateSessionToken();
			await createSession(db(), token, f.staffA, T0);
			return sessionIdOf(token);
		};
		const wrong = (sessionId: string, ip: string, ms: number) =>
			passSecondFactor(
				db(),
				{ accountId: f.staffA, sessionId, code: '000000', ip, confirm: false },
				at(ms)
			);
		// Per session: 5 wrong codes, then the session waits even from a new address.
		const s1 = await newSession();
		for (let i = 0; i < 5; i++)
			expect(await wrong(s1, `10.5.0.${i}`, i)).toEqual({ ok: false, code: 'totp.invalid' });
		expect(await wrong(s1, '10.5.1.1', 10)).toEqual({
			ok: false,
			code: 'totp.throttled',
			minutes: 15
		});
		// Per account: a new session and address get 5 more, then each attempt waits.
		const s2 = await newSession();
		for (let i = 0; i < 5; i++)
			expect(await wrong(s2, `10.6.0.${i}`, 20 + i)).toEqual({ ok: false, code: 'totp.invalid' });
		const s3 = await newSession();
		expect(await wrong(s3, '10.7.0.1', 30)).toEqual({
			ok: false,
			code: 'totp.throttled',
			minutes: 1
		});
	});
});
