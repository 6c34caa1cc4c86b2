import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { assembly, owner, registrationCode } from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { ownerByCode, phoneDigits, votersByPhone } from '../../src/lib/server/meeting/find';
import { checkIn } from '../../src/lib/server/meeting/run';
import { generateCode } from '../../src/lib/server/registration/codes';
import { personalDataHasher } from '../../src/lib/server/secrets';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

describeEngines('check-in at the door by registration letter and phone number', (db) => {
	async function meeting() {
		const a = await announcedAssembly(db(), { id: 'asm-checkin' });
		await db().update(assembly).set({ form: 'meeting' }).where(eq(assembly.id, a.id));
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const voters = await queryRows<{ owner_id: string; estate_id: string }>(
			db(),
			sql`select v.owner_id, o.estate_id from assembly_voter v join owner o on o.id = v.owner_id
				where v.assembly_id = ${a.id} order by v.owner_id`
		);
		return { ...a, voters };
	}

	async function letter(ownerId: string, estateId: string, revoked = false) {
		const code = generateCode();
		const hash = await personalDataHasher(db());
		await db()
			.insert(registrationCode)
			.values({
				id: newId('rc'),
				estateId,
				ownerId,
				codeHash: hash(code),
				expiresAt: new Date(Date.now() + 86_400_000),
				revokedAt: revoked ? new Date() : null
			});
		return code;
	}

	it('finds the owner from the letter’s QR (its register link) or its code typed, not from a replaced letter', async () => {
		const a = await meeting();
		const [v1, v2] = a.voters;
		const code = await letter(v1.owner_id, v1.estate_id);
		const old = await letter(v2.owner_id, v2.estate_id, true);
		const viaQr = await ownerByCode(db(), a.id, `https://gongyi.test/register?code=${code}`);
		expect(viaQr).toEqual({ ownerId: v1.owner_id, via: 'letter' });
		// Typed from paper: lower case and with separators still reads.
		const typed = `${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
		expect(await ownerByCode(db(), a.id, typed)).toEqual({ ownerId: v1.owner_id, via: 'letter' });
		expect(await ownerByCode(db(), a.id, `https://gongyi.test/register?code=${old}`)).toBeNull();
		expect(await ownerByCode(db(), a.id, 'https://gongyi.test/register')).toBeNull();
		expect(await ownerByCode(db(), a.id, 'not a code')).toBeNull();
		expect(await ownerByCode(db(), a.id, 'x'.repeat(10_000))).toBeNull();

		const s = { assemblyId: a.id, staffId: a.staffId };
		expect(await checkIn(db(), { ...s, ownerId: viaQr!.ownerId, via: viaQr!.via })).toEqual({
			ok: true
		});
		const audit = await queryRows<{ body: string }>(
			db(),
			sql`select body from audit_log where action = 'meeting.checkin'`
		);
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].body).after).toEqual({ via: 'letter' });
		expect(audit[0].body).not.toContain(code);
	});

	it('finds voters by the phone number on the roll, however it is typed', async () => {
		const a = await meeting();
		// Listed unit by unit, like the unit search (an owner may hold several).
		const [v1, v2] = a.voters.filter((v) => !v.owner_id.endsWith('-dev'));
		await db().update(owner).set({ phone: '138 0013 8000' }).where(eq(owner.id, v1.owner_id));
		await db().update(owner).set({ phone: '13900000000' }).where(eq(owner.id, v2.owner_id));
		expect(phoneDigits('+86-138-0013-8000')).toBe('13800138000');
		expect(phoneDigits('abc')).toBeNull();
		for (const typed of ['13800138000', '+86 138-0013-8000', '(138) 0013 8000']) {
			const found = await votersByPhone(db(), a.id, typed);
			expect([...new Set(found.map((f) => f.ownerId))]).toEqual([v1.owner_id]);
			expect(found[0].present).toBe(false);
		}
		expect(await votersByPhone(db(), a.id, '1380013')).toEqual([]);
		expect(await votersByPhone(db(), a.id, "13800138000' or 1=1 --")).toEqual([]);
		const s = { assemblyId: a.id, staffId: a.staffId };
		expect(await checkIn(db(), { ...s, ownerId: v1.owner_id, via: 'phone' })).toEqual({ ok: true });
		expect((await votersByPhone(db(), a.id, '13800138000'))[0].present).toBe(true);
	});
});
