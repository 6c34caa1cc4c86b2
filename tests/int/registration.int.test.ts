import { and, eq, isNotNull } from 'drizzle-orm';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount, grantsOf } from '../../src/lib/server/accounts';
import {
	createSession,
	generateSessionToken,
	sessionIdOf,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { passSecondFactor, pendingTotpSetup } from '../../src/lib/server/auth/totp';
import type { Db } from '../../src/lib/server/db/client';
import {
	account,
	auditLog,
	owner,
	ownerVerification,
	registrationCode,
	registrationRequest,
	unit
} from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { newId } from '../../src/lib/server/ids';
import { generateCode } from '../../src/lib/server/registration/codes';
import { issueLetters } from '../../src/lib/server/registration/letters';
import { myRequest } from '../../src/lib/server/registration/queries';
import { registerWithCode } from '../../src/lib/server/registration/register';
import {
	approveRequest,
	rejectRequest,
	verifyInPerson
} from '../../src/lib/server/registration/review';
import { registerSelf } from '../../src/lib/server/registration/self';
import { MAX_UPLOAD_BYTES } from '../../src/lib/server/registration/uploads';
import { personalDataHasher } from '../../src/lib/server/secrets';
import { describeEngines } from './engines';

let uploads: string;
beforeAll(() => {
	uploads = mkdtempSync(join(tmpdir(), 'gongyi-uploads-'));
	process.env.GONGYI_UPLOADS = uploads;
});
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const DAY = 86_400_000;

/** An owner of 金色家园 without an account, and the staff account. */
async function setUp(db: Db) {
	await seedDemoIfEmpty(db);
	const [o] = await db.select().from(owner).where(eq(owner.id, 'e-jinse-o10'));
	const [staff] = await db.select().from(account).where(eq(account.login, 'staff'));
	return { o, staffId: staff.id };
}

/** Arranges a code for the owner as a letter would (only its keyed hash is stored). */
async function codeFor(db: Db, ownerId: string, expiresAt = new Date(Date.now() + 30 * DAY)) {
	const code = generateCode();
	const hash = await personalDataHasher(db);
	await db.insert(registrationCode).values({
		id: newId('rc'),
		estateId: 'e-jinse',
		ownerId,
		codeHash: hash(code),
		expiresAt
	});
	return code;
}

const claim = (o: { name: string; idLast4: string | null }, extra: object = {}) => ({
	name: ` ${o.name} `,
	idLast4: o.idLast4!.toLowerCase(),
	login: '13950001234',
	password: 'secret-pass',
	...extra
});

describeEngines('registration with a letter code', (db) => {
	it('matching name and ID last 4 → verified owner at once, code used, audited', async () => {
		const { o } = await setUp(db());
		const code = await codeFor(db(), o.id);
		const r = await registerWithCode(
			db(),
			{ ...claim(o), code: code.toLowerCase().replace(/(.{4})/g, '$1-') },
			'1.1.1.1'
		);
		expect(r).toMatchObject({ ok: true, verified: true });
		if (!r.ok) return;
		const [acc] = await db().select().from(account).where(eq(account.id, r.accountId));
		expect(acc.ownerId).toBe(o.id);
		expect((await grantsOf(db(), r.accountId)).map((g) => [g.role, g.placeId])).toEqual([
			['owner', 'e-jinse']
		]);
		const [v] = await db()
			.select()
			.from(ownerVerification)
			.where(eq(ownerVerification.accountId, r.accountId));
		expect(v.method).toBe('code');
		const [c] = await db()
			.select()
			.from(registrationCode)
			.where(eq(registrationCode.ownerId, o.id));
		expect(c.usedAt).not.toBeNull();
		expect(c.codeHash).not.toContain(code);
		const audit = await db().select().from(auditLog).where(eq(auditLog.scope, 'e-jinse'));
		expect(audit.map((a) => a.action)).toContain('registration.verified');
		expect(audit.some((a) => a.body.includes(code))).toBe(false);
	});

	it('a mismatch without photo asks for one and keeps the code; with photo it waits for review', async () => {
		const { o, staffId } = await setUp(db());
		const code = await codeFor(db(), o.id);
		const wrong = claim(o, { idLast4: '0000' });
		expect(await registerWithCode(db(), { ...wrong, code }, '1.1.1.2')).toEqual({
			ok: false,
			code: 'registration.mismatch'
		});
		const [c0] = await db()
			.select()
			.from(registrationCode)
			.where(eq(registrationCode.ownerId, o.id));
		expect(c0.usedAt).toBeNull();
		const r = await registerWithCode(db(), { ...wrong, code, certificate: PNG }, '1.1.1.2');
		expect(r).toMatchObject({ ok: true, verified: false });
		if (!r.ok) return;
		expect(await grantsOf(db(), r.accountId)).toEqual([]);
		const [req] = await db()
			.select()
			.from(registrationRequest)
			.where(eq(registrationRequest.accountId, r.accountId));
		expect(req).toMatchObject({
			kind: 'code_mismatch',
			ownerId: o.id,
			state: 'pending',
			certificateType: 'image/png'
		});
		expect(readdirSync(join(uploads, 'e-jinse'))).toContain(req.certificateFile!.split('/')[1]);

		expect(await approveRequest(db(), staffId, 'e-jinse', req.id)).toEqual({ ok: true });
		expect((await grantsOf(db(), r.accountId)).map((g) => g.role)).toEqual(['owner']);
		const [v] = await db()
			.select()
			.from(ownerVerification)
			.where(eq(ownerVerification.accountId, r.accountId));
		expect(v).toMatchObject({ method: 'review', verifiedBy: staffId, ownerId: o.id });
		expect(await approveRequest(db(), staffId, 'e-jinse', req.id)).toEqual({
			ok: false,
			code: 'review.notFound'
		});
	});

	it('expired, used, revoked and unknown codes give one identical answer', async () => {
		const { o, staffId } = await setUp(db());
		const expired = await codeFor(db(), o.id, new Date(Date.now() - 1000));
		const invalid = { ok: false, code: 'registration.codeInvalid' };
		expect(await registerWithCode(db(), { ...claim(o), code: expired }, '2.0.0.1')).toEqual(
			invalid
		);
		const used = await codeFor(db(), o.id);
		expect((await registerWithCode(db(), { ...claim(o), code: used }, '2.0.0.2')).ok).toBe(true);
		expect(
			await registerWithCode(db(), { ...claim(o, { login: 'other' }), code: used }, '2.0.0.3')
		).toEqual(invalid);
		expect(await registerWithCode(db(), { ...claim(o), code: generateCode() }, '2.0.0.4')).toEqual(
			invalid
		);
		expect(await registerWithCode(db(), { ...claim(o), code: 'nonsense' }, '2.0.0.5')).toEqual(
			invalid
		);

		// A new letter for the building revokes the earlier unused code of another owner there.
		const [u] = await db().select().from(unit).where(eq(unit.ownerId, 'e-jinse-o11'));
		const [o11] = await db().select().from(owner).where(eq(owner.id, 'e-jinse-o11'));
		const old = await codeFor(db(), o11.id);
		const letters = await issueLetters(db(), staffId, 'e-jinse', {
			buildingId: u.buildingId,
			origin: 'https://x.test'
		});
		expect(letters.ok && letters.count).toBeGreaterThan(1);
		expect(letters.ok && new TextDecoder().decode(letters.pdf.slice(0, 5))).toBe('%PDF-');
		expect(await registerWithCode(db(), { ...claim(o11), code: old }, '2.0.0.6')).toEqual(invalid);
		const open = await db()
			.select()
			.from(registrationCode)
			.where(and(eq(registrationCode.ownerId, o11.id), isNotNull(registrationCode.revokedAt)));
		expect(open).toHaveLength(1);
		const [audit] = await db()
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'registration.letters'));
		expect(JSON.parse(audit.body).after.count).toBe(letters.ok ? letters.count : -1);
	});

	it('throttles code attempts per code and IP', async () => {
		const { o } = await setUp(db());
		const code = await codeFor(db(), o.id);
		for (let i = 0; i < 5; i++)
			await registerWithCode(db(), { ...claim(o, { idLast4: '0000' }), code }, '3.0.0.1');
		expect(await registerWithCode(db(), { ...claim(o), code }, '3.0.0.1')).toEqual({
			ok: false,
			code: 'registration.throttled'
		});
		expect((await registerWithCode(db(), { ...claim(o), code }, '3.0.0.2')).ok).toBe(true);
	});

	it('checks the photo by its bytes and its size', async () => {
		const { o } = await setUp(db());
		const code = await codeFor(db(), o.id);
		const wrong = claim(o, { idLast4: '0000' });
		const gif = new TextEncoder().encode('GIF89a-not-accepted');
		expect(await registerWithCode(db(), { ...wrong, code, certificate: gif }, '4.0.0.1')).toEqual({
			ok: false,
			code: 'upload.type'
		});
		const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
		big.set(PNG);
		expect(await registerWithCode(db(), { ...wrong, code, certificate: big }, '4.0.0.1')).toEqual({
			ok: false,
			code: 'upload.size'
		});
		const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
		expect(
			(await registerWithCode(db(), { ...wrong, code, certificate: jpeg }, '4.0.0.1')).ok
		).toBe(true);
	});
});

describeEngines('self-registration, review and in-person verification', (db) => {
	it('self-registration waits for review; a rejection carries its reason to the owner', async () => {
		const { staffId } = await setUp(db());
		const input = {
			...claim({ name: '张三', idLast4: '1234' }),
			estateId: 'e-jinse',
			buildingId: 'e-jinse-b1',
			unitLabel: '1201',
			certificate: PNG
		};
		expect(await registerSelf(db(), input, '5.0.0.1')).toEqual({
			ok: false,
			code: 'registration.unitUnknown'
		});
		expect(await registerSelf(db(), { ...input, certificate: null }, '5.0.0.1')).toEqual({
			ok: false,
			code: 'upload.missing'
		});
		const r = await registerSelf(db(), { ...input, unitLabel: '101' }, '5.0.0.1');
		expect(r).toMatchObject({ ok: true, verified: false });
		if (!r.ok) return;
		const [req] = await db()
			.select()
			.from(registrationRequest)
			.where(eq(registrationRequest.accountId, r.accountId));
		expect(req).toMatchObject({ kind: 'self', unitId: 'e-jinse-b1-101', ownerId: null });
		expect(await rejectRequest(db(), staffId, 'e-jinse', req.id, '  ')).toEqual({
			ok: false,
			code: 'review.reasonEmpty'
		});
		expect(await rejectRequest(db(), staffId, 'e-binhai', req.id, '照片不清楚')).toEqual({
			ok: false,
			code: 'review.notFound'
		});
		expect(await rejectRequest(db(), staffId, 'e-jinse', req.id, '照片不清楚')).toEqual({
			ok: true
		});
		expect(await myRequest(db(), r.accountId)).toMatchObject({
			state: 'rejected',
			reason: '照片不清楚',
			estateName: '金色家园'
		});
		expect(await grantsOf(db(), r.accountId)).toEqual([]);
	});

	it('in-person verification creates a verified owner account, audited with who and how', async () => {
		const { o, staffId } = await setUp(db());
		const pending = await codeFor(db(), o.id);
		const input = {
			ownerId: o.id,
			login: 'zhang.ip',
			password: 'initial-pass',
			note: '查验身份证原件'
		};
		expect(await verifyInPerson(db(), staffId, 'e-jinse', { ...input, note: ' ' })).toEqual({
			ok: false,
			code: 'review.noteEmpty'
		});
		expect(await verifyInPerson(db(), staffId, 'e-binhai', input)).toEqual({
			ok: false,
			code: 'review.notFound'
		});
		const r = await verifyInPerson(db(), staffId, 'e-jinse', input);
		expect(r).toMatchObject({ ok: true, ownerName: o.name });
		if (!r.ok) return;
		const [v] = await db()
			.select()
			.from(ownerVerification)
			.where(eq(ownerVerification.accountId, r.accountId));
		expect(v).toMatchObject({ method: 'in_person', verifiedBy: staffId, note: '查验身份证原件' });
		const [a] = await db()
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'registration.inPerson'));
		expect(a.actorId).toBe(staffId);
		expect(await verifyInPerson(db(), staffId, 'e-jinse', { ...input, login: 'again' })).toEqual({
			ok: false,
			code: 'review.ownerTaken'
		});
		// The owner's open letter code is void now.
		expect(await registerWithCode(db(), { ...claim(o), code: pending }, '6.0.0.1')).toEqual({
			ok: false,
			code: 'registration.codeInvalid'
		});
	});
});

describeEngines('TOTP for staff', (db) => {
	it('sets up, confirms (audited), passes a session, and throttles wrong codes', async () => {
		const { staffId } = await setUp(db());
		const acc = await createAccount(db(), {
			login: 'newstaff',
			displayName: '新',
			password: 'longenough',
			grants: [{ role: 'staff', placeId: 'e-jinse' }]
		});
		if (!acc.ok) throw new Error();
		const token = generateSessionToken();
		await createSession(db(), token, acc.id);
		const sessionId = sessionIdOf(token);
		const setup = await pendingTotpSetup(db(), acc.id);
		expect(setup?.svg).toContain('<svg');
		expect(setup?.uri).toMatch(/^otpauth:\/\/totp\//);
		expect((await pendingTotpSetup(db(), acc.id))?.secret).toBe(setup?.secret);
		const gen = new TOTP({
			secret: Secret.fromBase32(setup!.secret),
			digits: 6,
			period: 30,
			algorithm: 'SHA1'
		});
		const base = { accountId: acc.id, sessionId, ip: '7.0.0.1' };
		expect(await passSecondFactor(db(), { ...base, code: gen.generate(), confirm: false })).toEqual(
			{ ok: false, code: 'totp.state' }
		);
		const confirmed = await passSecondFactor(db(), {
			...base,
			code: gen.generate(),
			confirm: true
		});
		if (!confirmed.ok) throw new Error(confirmed.code);
		expect((await validateSessionToken(db(), confirmed.token))?.twoFactorAt).not.toBeNull();
		expect(await pendingTotpSetup(db(), acc.id)).toBeNull();
		const [a] = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.scope, 'platform'), eq(auditLog.action, 'account.totp.enable')));
		expect(a.subject).toBe(acc.id);

		// Login on a later session: five wrong codes hold this session; the next step's code then
		// passes on a new session (the used step itself is refused as a replay).
		const later = generateSessionToken();
		await createSession(db(), later, acc.id);
		const next = { ...base, sessionId: sessionIdOf(later) };
		for (let i = 0; i < 5; i++)
			expect(
				await passSecondFactor(db(), { ...next, code: '000000', confirm: false })
			).toMatchObject({ ok: false, code: 'totp.invalid' });
		const soon = gen.generate({ timestamp: Date.now() + 30_000 });
		expect(await passSecondFactor(db(), { ...next, code: soon, confirm: false })).toEqual({
			ok: false,
			code: 'totp.throttled',
			minutes: 15
		});
		const other = generateSessionToken();
		await createSession(db(), other, acc.id);
		const passed = await passSecondFactor(db(), {
			...base,
			sessionId: sessionIdOf(other),
			ip: '7.0.0.2',
			code: soon,
			confirm: false
		});
		expect(passed.ok).toBe(true);
		expect(staffId).toBeTruthy();
	});
});
