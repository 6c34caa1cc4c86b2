import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { checkCredentials } from '../../src/lib/server/accounts';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { owner, unit } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	answerObjection,
	fileObjection,
	freezeRoll,
	listObjections,
	publishedRoll,
	publishRoll,
	rollLock,
	withdrawPublication
} from '../../src/lib/server/publication';
import { auditView } from '../../src/lib/server/audit-view';
import { describeEngines } from './engines';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-03-01T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describeEngines('roll publication and objections', (db) => {
	async function setup() {
		await seedDemoIfEmpty(db());
		const staff = (await checkCredentials(db(), 'staff', 'gongyi2026'))!;
		const owner1 = (await checkCredentials(db(), 'owner1', 'gongyi2026'))!;
		const [u] = await db().select().from(unit).where(eq(unit.ownerId, owner1.ownerId!));
		return { staff, owner1, unitId: u.id };
	}

	it('publish → objection → freeze waits for the answer and the period → frozen, chain intact', async () => {
		const { staff, owner1, unitId } = await setup();
		expect(await rollLock(db(), 'e-jinse')).toMatchObject({ locked: false, reason: null });
		const pub = await publishRoll(db(), { estateId: 'e-jinse', actorId: staff.id, now: T0 });
		if (!pub.ok) throw new Error(pub.code);
		expect(pub.publication.objectionsUntil).toEqual(at(7));
		expect(pub.publication.rollHash).toMatch(/^[0-9a-f]{64}$/);
		expect(await rollLock(db(), 'e-jinse')).toMatchObject({ locked: true, reason: 'published' });

		const filed = await fileObjection(db(), {
			accountId: owner1.id,
			ownerId: owner1.ownerId!,
			unitId,
			text: '我家的面积应为 98.50 平方米',
			now: at(2)
		});
		if (!filed.ok) throw new Error(filed.code);
		const input = { estateId: 'e-jinse', actorId: staff.id };
		expect(await freezeRoll(db(), { ...input, now: at(8) })).toEqual({
			ok: false,
			code: 'publication.openObjections'
		});
		const answered = await answerObjection(db(), {
			...input,
			objectionId: filed.objection.id,
			answer: '已核对不动产登记簿，面积无误。',
			now: at(3)
		});
		expect(answered.ok).toBe(true);
		const again = await answerObjection(db(), {
			...input,
			objectionId: filed.objection.id,
			answer: '再答一次',
			now: at(3)
		});
		expect(again).toEqual({ ok: false, code: 'objection.alreadyAnswered' });
		const mine = await listObjections(db(), { estateId: 'e-jinse', filedBy: owner1.id });
		expect(mine).toMatchObject([{ state: 'resolved', answer: '已核对不动产登记簿，面积无误。' }]);

		expect(await freezeRoll(db(), { ...input, now: at(6) })).toEqual({
			ok: false,
			code: 'publication.periodRunning'
		});
		const frozen = await freezeRoll(db(), { ...input, now: at(7.5) });
		if (!frozen.ok) throw new Error(frozen.code);
		expect(frozen.publication).toMatchObject({ state: 'frozen', frozenBy: staff.id });
		expect(await rollLock(db(), 'e-jinse')).toMatchObject({ locked: true, reason: 'frozen' });
		expect(await publishRoll(db(), { ...input, now: at(9) })).toEqual({
			ok: false,
			code: 'publication.alreadyFrozen'
		});
		expect(await verifyAuditChain(db(), 'e-jinse')).toEqual({ ok: true, length: 4 });
		const trail = await auditView(db(), 'e-jinse', { page: 2, pageSize: 3 });
		expect(trail).toMatchObject({ total: 4, pages: 2, check: { ok: true, length: 4 } });
		expect(trail.events).toMatchObject([
			{ seq: 0, action: 'roll.published', actor: '金色家园筹备组' }
		]);
	});

	it('refuses a second publication, unlocks on withdraw and publishes again', async () => {
		const { staff } = await setup();
		const input = { estateId: 'e-jinse', actorId: staff.id };
		expect(await publishRoll(db(), { ...input, days: 6, now: T0 })).toEqual({
			ok: false,
			code: 'publication.daysRange'
		});
		const first = await publishRoll(db(), { ...input, days: 30, now: T0 });
		if (!first.ok) throw new Error(first.code);
		expect(first.publication.objectionsUntil).toEqual(at(30));
		expect(await publishRoll(db(), { ...input, now: at(1) })).toEqual({
			ok: false,
			code: 'publication.alreadyPublished'
		});
		const w = await withdrawPublication(db(), {
			...input,
			publicationId: first.publication.id,
			now: at(1)
		});
		expect(w.ok && w.publication.state).toBe('withdrawn');
		expect((await rollLock(db(), 'e-jinse')).locked).toBe(false);
		const second = await publishRoll(db(), { ...input, now: at(2) });
		expect(second.ok).toBe(true);
		// Same roll, same hash.
		expect(second.ok && second.publication.rollHash).toBe(first.publication.rollHash);
	});

	it('refuses objections after the period, from another estate, and of the wrong length', async () => {
		const { staff, owner1, unitId } = await setup();
		await publishRoll(db(), { estateId: 'e-jinse', actorId: staff.id, now: T0 });
		const base = { accountId: owner1.id, ownerId: owner1.ownerId!, unitId };
		expect(await fileObjection(db(), { ...base, text: '太晚了吧……', now: at(7.01) })).toEqual({
			ok: false,
			code: 'objection.periodOver'
		});
		expect(await fileObjection(db(), { ...base, text: '短', now: at(1) })).toEqual({
			ok: false,
			code: 'objection.textLength'
		});
		expect(await fileObjection(db(), { ...base, text: '字'.repeat(501), now: at(1) })).toEqual({
			ok: false,
			code: 'objection.textLength'
		});
		const [stranger] = await db().select().from(owner).where(eq(owner.estateId, 'e-binhai'));
		const r = await fileObjection(db(), {
			...base,
			ownerId: stranger.id,
			text: '这不是我的小区',
			now: at(1)
		});
		expect(r).toEqual({ ok: false, code: 'objection.notOwner' });
	});

	it('shows owners masked names only, never a full name, phone or ID digits', async () => {
		await setup();
		const owners = await db().select().from(owner).where(eq(owner.estateId, 'e-jinse'));
		const persons = owners.filter((o) => o.kind === 'person');
		const roll = await publishedRoll(db(), 'e-jinse', { page: 1, pageSize: 500 });
		expect(roll.units).toHaveLength(200);
		const shown = JSON.stringify(roll);
		for (const o of persons) {
			expect(shown).not.toContain(o.name);
			expect(shown).not.toContain(o.phone!);
			expect(shown).not.toContain(o.id);
		}
		expect(roll.units.some((u) => /^.\*+.?$/u.test(u.owner))).toBe(true);
		const filtered = await publishedRoll(db(), 'e-jinse', {
			building: '2栋',
			search: '101',
			page: 1,
			pageSize: 50
		});
		expect(filtered.units).toMatchObject([{ building: '2栋', label: '101' }]);
	});

	it('finds 5栋 104 whether typed with or without the space, and marks the viewer’s own units', async () => {
		await setup();
		const find = (search: string, viewer?: string) =>
			publishedRoll(db(), 'e-jinse', { search, viewer, page: 1, pageSize: 50 });
		for (const q of ['5栋104', '5栋 104', ' 5栋　104 '])
			expect((await find(q)).units.map((u) => `${u.building} ${u.label}`)).toEqual(['5栋 104']);
		const [u] = (await find('5栋104')).units;
		const [row] = await db().select().from(unit).where(eq(unit.id, u.unitId));
		expect((await find('5栋104', row.ownerId)).units[0].mine).toBe(true);
		expect((await find('5栋104', 'someone-else')).units[0].mine).toBe(false);
	});
});
