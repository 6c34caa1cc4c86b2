import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import { verifyAuditChain } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db/client';
import {
	auditLog,
	owner,
	rollPublication,
	unit,
	unitCoOwner
} from '../../src/lib/server/db/schema';
import {
	commitImport,
	currentSnapshot,
	previewImport,
	rollTotals,
	setCountedKinds,
	updateOwner,
	updateUnit
} from '../../src/lib/server/roll';
import { describeEngines } from './engines';
import { csv, HEADER, makeEstate, V1 } from './roll-helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/roll/${name}`));

async function auditCount(db: Db, estateId: string) {
	const rows = await db.select().from(auditLog).where(eq(auditLog.scope, estateId));
	return rows.length;
}

async function xlsxOf(lines: string[]) {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('名册');
	for (const l of [HEADER, ...lines]) sheet.addRow(l.split(','));
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

const V1_TOTALS = { units: 6, heads: 4, area: '462.25' };

describeEngines('roll import', (db) => {
	it('imports a good file in UTF-8, GBK and XLSX with the same totals', async () => {
		const text = new TextDecoder().decode(csv(...V1)).replace(/^\uFEFF/, '');
		const files: [Uint8Array, string][] = [
			[csv(...V1), 'roll.csv'],
			[new Uint8Array(iconv.encode(text, 'gbk')), '名册.csv'],
			[await xlsxOf(V1), '名册.xlsx']
		];
		for (const [bytes, name] of files) {
			const { estateId, staffId } = await makeEstate(db());
			const p = await previewImport(db(), estateId, bytes, name);
			expect(p.problems).toEqual([]);
			expect(p.ok).toBe(true);
			expect(p.diff!.units.added).toHaveLength(6);
			expect(p.diff!.owners.added).toHaveLength(5);
			const r = await commitImport(db(), staffId, estateId, bytes, name);
			expect(r.ok).toBe(true);
			expect(await rollTotals(db(), estateId)).toMatchObject(V1_TOTALS);
			const co = await db()
				.select()
				.from(unitCoOwner)
				.innerJoin(unit, eq(unit.id, unitCoOwner.unitId))
				.where(eq(unit.estateId, estateId));
			expect(co).toHaveLength(1);
			const snap = await currentSnapshot(db(), estateId);
			expect(snap.units.find((u) => u.unit === '201')!.coOwnerKeys).toHaveLength(1);
			expect(await verifyAuditChain(db(), estateId)).toEqual({ ok: true, length: 1 });
		}
	});

	it('totals by kind and building; counted kinds move heads and area', async () => {
		const { estateId, staffId } = await makeEstate(db());
		await commitImport(db(), staffId, estateId, csv(...V1), 'r.csv');
		const all = await rollTotals(db(), estateId);
		expect(all.byKind.find((k) => k.kind === 'parking')).toMatchObject({
			units: 1,
			area: '12.50',
			counted: true
		});
		expect(all.byBuilding.map((b) => b.building)).toEqual(['1栋', '2栋', '地库']);
		const set = await setCountedKinds(db(), staffId, estateId, ['residence', 'shop']);
		expect(set).toEqual({ ok: true, kinds: ['residence', 'shop'] });
		const t = await rollTotals(db(), estateId);
		expect(t).toMatchObject({ units: 6, countedUnits: 5, heads: 4, area: '449.75' });
		expect(t.byBuilding.find((b) => b.building === '地库')).toMatchObject({
			units: 1,
			countedUnits: 0,
			heads: 0,
			area: '0.00'
		});
		await setCountedKinds(db(), staffId, estateId, ['residence']);
		expect(await rollTotals(db(), estateId)).toMatchObject({ heads: 3, area: '399.75' });
		expect(await setCountedKinds(db(), staffId, estateId, [])).toEqual({
			ok: false,
			code: 'settings.noKind'
		});
		expect(await verifyAuditChain(db(), estateId)).toEqual({ ok: true, length: 3 });
	});

	it('every error kind imports nothing and says where, in the locale', async () => {
		const { estateId, staffId } = await makeEstate(db());
		const bad: [Uint8Array, string, string][] = [
			[fixture('errors.csv'), 'errors.csv', 'area.invalid'],
			[fixture('empty.csv'), 'empty.csv', 'file.empty'],
			[fixture('header-only.csv'), 'h.csv', 'file.empty'],
			[fixture('bad-header.csv'), 'b.csv', 'header.missing'],
			[new TextEncoder().encode('x'), 'roll.pdf', 'file.unsupported'],
			[new TextEncoder().encode('not a zip'), 'roll.xlsx', 'file.unreadable'],
			[new Uint8Array([0x81, 0x00, 0xff, 0x01]), 'roll.csv', 'file.encoding']
		];
		for (const [bytes, name, code] of bad) {
			const p = await previewImport(db(), estateId, bytes, name, { locale: 'en' });
			expect(p.ok).toBe(false);
			expect(p.problems[0].code).toBe(code);
			expect(p.problems[0].message).not.toMatch(/problem\./);
			const r = await commitImport(db(), staffId, estateId, bytes, name);
			expect(r.ok).toBe(false);
		}
		const p = await previewImport(db(), estateId, fixture('errors.csv'), 'e.csv');
		expect(p.problems[0]).toMatchObject({ line: 2, column: '面积', code: 'area.invalid' });
		expect(p.problems[0].message).toContain('面积必须是大于 0');
		expect(p.problems.length).toBeGreaterThanOrEqual(12);
		expect((await currentSnapshot(db(), estateId)).units).toEqual([]);
		expect(await auditCount(db(), estateId)).toBe(0);
	});

	it('is atomic: one bad line leaves the stored roll exactly as it was', async () => {
		const { estateId, staffId } = await makeEstate(db());
		await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
		const before = await currentSnapshot(db(), estateId);
		const lines = [...V1.slice(0, 5), '3栋,301,住宅,abc,登记簿,孙七,110101196001010022,,,,'];
		const r = await commitImport(db(), staffId, estateId, csv(...lines), 'v2.csv');
		expect(r).toMatchObject({ ok: false, problems: [{ line: 7, column: '面积' }] });
		expect(await currentSnapshot(db(), estateId)).toEqual(before);
		expect(await auditCount(db(), estateId)).toBe(1);
	});

	it('re-import applies added, changed and removed; ids stay; linked owners are kept', async () => {
		const { estateId, staffId } = await makeEstate(db());
		await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
		const idOf = async (name: string) =>
			(await db().select().from(owner).where(eq(owner.name, name)))[0]?.id;
		const zhang = await idOf('张三');
		const zhao = await idOf('赵六');
		const wang = await idOf('王五');
		const unitIds = await db().select({ id: unit.id, label: unit.label }).from(unit);
		const u101 = unitIds.find((u) => u.label === '101')!.id;
		await createAccount(db(), {
			login: 'zhao6',
			displayName: '赵六',
			password: 'longenough',
			grants: [],
			ownerId: zhao
		});
		const v2 = [
			'1栋,101,住宅,89.60,登记簿,张三,110101199001011234,13900000001,京0001,,', // area, phone
			'1栋,102,住宅,90,登记簿,张三,110101199001011234,,,,',
			'1栋,201,住宅,120.25,实测,李四,11010119850202567X,13800000002,,,', // 王五 leaves
			'3栋,301,住宅,95.5,登记簿,孙七,110101196001010022,,,,', // new unit, new owner
			'2栋,S01,商铺,50.00,合同,,,,,,是'
			// 1栋 202 (赵六, has an account) and 地库 B1-001 removed
		];
		const p = await previewImport(db(), estateId, csv(...v2), 'v2.csv');
		expect(p.ok).toBe(true);
		expect(p.keptOwnerKeys).toHaveLength(1);
		const r = await commitImport(db(), staffId, estateId, csv(...v2), 'v2.csv');
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.summary.units).toEqual({ added: 1, changed: 2, removed: 2, unchanged: 2 });
		expect(r.summary.owners).toMatchObject({ added: 1, changed: 1, removed: 1, kept: 1 });
		expect(await idOf('张三')).toBe(zhang);
		expect(await idOf('赵六')).toBe(zhao);
		expect(await idOf('王五')).toBeUndefined();
		expect(wang).toBeDefined();
		expect((await db().select().from(unit).where(eq(unit.id, u101)))[0].areaHundredths).toBe(8960n);
		expect(await db().select().from(unitCoOwner)).toEqual([]);
		expect(await rollTotals(db(), estateId)).toMatchObject({
			units: 5,
			heads: 4,
			area: '445.35'
		});
		const again = await previewImport(db(), estateId, csv(...v2), 'v2.csv');
		expect(again.diff!.units).toMatchObject({ added: [], changed: [], removed: [] });
		const body = JSON.parse(
			(await db().select().from(auditLog).where(eq(auditLog.seq, 1)))[0].body
		);
		expect(body).toMatchObject({ action: 'roll.import', after: { file: 'v2.csv' } });
	});

	it('manual edits are audited with before and after, never a raw ID number', async () => {
		const { estateId, staffId } = await makeEstate(db());
		await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
		const [u] = await db().select().from(unit).where(eq(unit.label, '202'));
		expect(
			await updateUnit(db(), staffId, estateId, u.id, {
				area: '101.5',
				areaSource: 'survey',
				kind: 'shop',
				building: '新楼',
				label: '202A'
			})
		).toEqual({ ok: true });
		expect(await updateUnit(db(), staffId, estateId, u.id, { area: '0' })).toEqual({
			ok: false,
			code: 'area.invalid'
		});
		const r = await updateOwner(db(), staffId, estateId, u.ownerId, {
			name: '赵六六',
			phone: '13700000000',
			idNumber: '110101197001019999'
		});
		expect(r).toEqual({ ok: true });
		const [o] = await db().select().from(owner).where(eq(owner.id, u.ownerId));
		expect(o).toMatchObject({ name: '赵六六', idLast4: '9999', phone: '13700000000' });
		const taken = await updateOwner(db(), staffId, estateId, u.ownerId, {
			idNumber: '110101199001011234'
		});
		expect(taken).toEqual({ ok: false, code: 'owner.idTaken' });
		const events = await db().select().from(auditLog).where(eq(auditLog.scope, estateId));
		const edits = events.map((e) => JSON.parse(e.body)).filter((b) => b.action !== 'roll.import');
		expect(edits.map((e) => e.action)).toEqual(['unit.update', 'owner.update']);
		expect(edits[0].before).toMatchObject({ label: '202', area: '10000', building: '1栋' });
		expect(edits[0].after).toMatchObject({ label: '202A', area: '10150', building: '新楼' });
		expect(edits[1].after).toMatchObject({ name: '赵六六', idLast4: '9999' });
		for (const e of events) expect(e.body).not.toContain('110101197001019999');
		expect(await verifyAuditChain(db(), estateId)).toEqual({ ok: true, length: 3 });
		expect((await rollTotals(db(), estateId)).byBuilding.map((b) => b.building)).toContain('新楼');
	});

	it('refuses imports and edits while the roll is published or frozen; a withdrawn one unlocks', async () => {
		const { estateId, staffId } = await makeEstate(db());
		await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
		const [u] = await db().select().from(unit).where(eq(unit.label, '101'));
		const publish = (state: 'published' | 'frozen' | 'withdrawn', until: Date) =>
			db()
				.insert(rollPublication)
				.values({
					id: `pub-${state}-${until.getTime()}`,
					estateId,
					state,
					publishedAt: new Date(),
					objectionsUntil: until,
					publishedBy: staffId,
					rollHash: 'x'
				});
		await publish('withdrawn', new Date(Date.now() + 86_400_000));
		expect(await updateUnit(db(), staffId, estateId, u.id, { area: '88' })).toEqual({ ok: true });
		await publish('published', new Date(Date.now() - 1000));
		expect(await updateUnit(db(), staffId, estateId, u.id, { area: '89' })).toEqual({
			ok: false,
			code: 'roll.locked'
		});
		const r = await commitImport(db(), staffId, estateId, csv(...V1.slice(0, 2)), 'v2.csv');
		expect(r).toMatchObject({ ok: false, problems: [{ code: 'roll.locked' }] });
		expect((await previewImport(db(), estateId, csv(...V1), 'v.csv')).lock).toBe('published');
		await db().execute(sql`update roll_publication set state = 'frozen'`);
		expect(await updateUnit(db(), staffId, estateId, u.id, { area: '87' })).toEqual({
			ok: false,
			code: 'roll.locked'
		});
		expect(await updateOwner(db(), staffId, estateId, u.ownerId, { name: 'x' })).toEqual({
			ok: false,
			code: 'roll.locked'
		});
		expect((await rollTotals(db(), estateId)).units).toBe(6);
	});

	it('an unknown estate is refused', async () => {
		const r = await commitImport(db(), null, 'nope', csv(...V1), 'v.csv');
		expect(r).toMatchObject({ ok: false, problems: [{ code: 'estate.notFound' }] });
	});
});
