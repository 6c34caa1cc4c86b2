import { describe, expect, it } from 'vitest';
import { previewRoll } from './preview';
import { fakeIdKey, header, rowsOf } from '../../../../tests/support/roll-rows';

const preview = (rows: string[], countedKinds?: ('residence' | 'shop' | 'parking' | 'other')[]) =>
	previewRoll({ header: header(), rows: rowsOf(...rows) }, { idKey: fakeIdKey, countedKinds });

// SPC 解释 第9条: a buyer of several units is one head, co-owners one head, all developer units one.
const ESTATE = [
	'1栋,101,住宅,89.50,登记簿,张三,110101199001011234,13812345678,京(2020)1号,,',
	'1栋,102,住宅,90,登记簿,张三,110101199001011234,,京(2020)2号,,',
	'1栋,201,住宅,120.25,实测,李四,11010119850202567x,13900001111,,是,',
	'1栋,201,住宅,120.25,实测,王五,110101198703035678,,,,',
	'2栋,101,商铺,50,合同,,,,,,是',
	'地库,B1-001,车位,12.5,合同,,,,,,是'
];

describe('previewRoll: heads and areas (SPC 解释 第9条)', () => {
	it('counts one head per buyer, per co-owned unit and for the developer, summing areas', () => {
		const p = preview(ESTATE);
		expect(p.problems).toEqual([]);
		expect(p.ok).toBe(true);
		expect(p.totals).toMatchObject({ units: 5, countedUnits: 5, heads: 3, area: '362.25' });
		const byKey = new Map(p.owners.map((o) => [o.key, o]));
		expect(byKey.get('k:110101199001011234')).toMatchObject({
			area: 17950n,
			head: true,
			name: '张三'
		});
		expect(byKey.get('k:11010119850202567X')).toMatchObject({ idLast4: '567X', head: true });
		expect(byKey.get('k:110101198703035678')).toMatchObject({ head: false, unitKeys: [] });
		expect(byKey.get('developer')).toMatchObject({ kind: 'developer', area: 6250n, head: true });
		const coOwned = p.units.find((u) => u.unit === '201')!;
		expect(coOwned.ownerKey).toBe('k:11010119850202567X');
		expect(coOwned.coOwnerKeys).toEqual(['k:110101198703035678']);
		expect(coOwned.lines).toEqual([4, 5]);
	});
	it('totals by kind and building; uncounted kinds stay listed but add no area or head', () => {
		const p = preview(ESTATE, ['residence', 'shop']);
		expect(p.totals).toMatchObject({ units: 5, countedUnits: 4, heads: 3, area: '349.75' });
		expect(p.totals.byKind.parking).toEqual({ units: 1, area: '12.50', counted: false });
		expect(p.totals.byKind.residence).toEqual({ units: 3, area: '299.75', counted: true });
		expect(p.totals.byBuilding).toEqual([
			{ building: '1栋', units: 3, countedUnits: 3, area: '299.75' },
			{ building: '2栋', units: 1, countedUnits: 1, area: '50.00' },
			{ building: '地库', units: 1, countedUnits: 0, area: '0.00' }
		]);
		expect(preview(ESTATE, ['parking']).totals.heads).toBe(1);
	});
	it('never outputs a raw ID number', () => {
		const keys = new Map<string, string>();
		const idKey = (id: string) => keys.get(id) ?? keys.set(id, `key${keys.size}`).get(id)!;
		const p = previewRoll({ header: header(), rows: rowsOf(...ESTATE) }, { idKey });
		expect(p.owners.map((o) => o.key)).toEqual(['key0', 'key1', 'key2', 'developer']);
		const json = JSON.stringify(p, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
		expect(json).not.toMatch(/110101199001011234|11010119850202567/);
	});
	it('uses the area of the highest-precedence source among co-owner rows (SPC 解释 第8条)', () => {
		const p = preview([
			'1栋,301,住宅,101.00,合同,甲,A1,,,是,',
			'1栋,301,住宅,99.80,登记簿,乙,B2,,,,',
			'1栋,301,住宅,100.10,实测,丙,C3,,,,'
		]);
		expect(p.problems).toEqual([]);
		expect(p.units[0]).toMatchObject({ area: 9980n, areaSource: 'register' });
	});
});

describe('previewRoll: problems by line and column', () => {
	const problems = (...rows: string[]) =>
		preview(rows).problems.map((p) => [p.line, p.column, p.code, p.params]);
	it('reports bad cells', () => {
		expect(
			problems(
				',,别墅,0,估算,,,,,也许,',
				'1栋,101,住宅,-5,登记簿,=cmd|x,A1,+8613800000000,,,',
				'1栋,102,住宅,1.234,登记簿,张三,A2,,,,',
				'1栋,103,住宅,12,登记簿,,,,,,,额外'
			)
		).toEqual([
			[2, '楼栋', 'building.missing', {}],
			[2, '房号', 'unit.missing', {}],
			[2, '类型', 'kind.unknown', { value: '别墅' }],
			[2, '面积', 'area.invalid', { value: '0' }],
			[2, '面积来源', 'areaSource.unknown', { value: '估算' }],
			[2, '业主姓名', 'owner.nameMissing', {}],
			[2, '证件号码', 'owner.idMissing', {}],
			[2, '共有人代表', 'flag.invalid', { value: '也许' }],
			[3, '面积', 'area.invalid', { value: '-5' }],
			[3, '业主姓名', 'cell.formula', {}],
			[3, '电话', 'cell.formula', {}],
			[4, '面积', 'area.invalid', { value: '1.234' }],
			[5, null, 'row.extraCells', { count: 1 }],
			[5, '业主姓名', 'owner.nameMissing', {}],
			[5, '证件号码', 'owner.idMissing', {}]
		]);
	});
	it('reports duplicate units: the same owner twice, or two representatives', () => {
		expect(
			problems('1栋,101,住宅,90,登记簿,张三,A1,,,,', '1栋,101,住宅,90,登记簿,张三,A1,,,,')
		).toEqual([[3, '证件号码', 'unit.duplicate', { building: '1栋', unit: '101', firstLine: 2 }]]);
		expect(
			problems('1栋,101,住宅,90,登记簿,张三,A1,,,是,', '1栋,101,住宅,90,登记簿,李四,B2,,,是,')
		).toEqual([
			[3, '共有人代表', 'unit.duplicate', { building: '1栋', unit: '101', firstLine: 2 }]
		]);
	});
	it('reports a co-owned unit without a representative once, on its first line', () => {
		expect(
			problems('1栋,101,住宅,90,登记簿,张三,A1,,,,', '1栋,101,住宅,90,登记簿,李四,B2,,,,')
		).toEqual([
			[2, '共有人代表', 'unit.noRepresentative', { building: '1栋', unit: '101', lines: '2, 3' }]
		]);
	});
	it('reports conflicting unit data and different names for one ID number', () => {
		expect(
			problems(
				'1栋,101,住宅,90,登记簿,张三,A1,,,是,',
				'1栋,101,商铺,91,登记簿,李四,B2,,,,',
				'1栋,101,住宅,90,登记簿,,,,,,是',
				'1栋,102,住宅,90,登记簿,张叁,A1,,,,'
			)
		).toEqual([
			[3, '类型', 'unit.kindConflict', { firstLine: 2 }],
			[3, '面积', 'unit.areaConflict', { firstLine: 2 }],
			[4, '开发商未售', 'unit.developerConflict', { firstLine: 2 }],
			[5, '业主姓名', 'owner.conflict', { firstLine: 2 }]
		]);
	});
	it('reports file-level problems and stops on missing columns', () => {
		expect(previewRoll({ header: [], rows: [] }, { idKey: fakeIdKey }).problems).toEqual([
			{ line: null, column: null, code: 'file.empty', params: {} }
		]);
		const blank = rowsOf(',,,', '');
		expect(
			previewRoll({ header: header(), rows: blank }, { idKey: fakeIdKey }).problems[0].code
		).toBe('file.empty');
		const many = previewRoll(
			{ header: header(), rows: rowsOf(...ESTATE) },
			{ idKey: fakeIdKey, maxRows: 5 }
		);
		expect(many.problems).toEqual([
			{ line: null, column: null, code: 'file.tooManyRows', params: { max: 5, rows: 6 } }
		]);
		const noArea = previewRoll(
			{ header: ['楼栋', '房号'], rows: rowsOf('1栋,101') },
			{ idKey: fakeIdKey }
		);
		expect(noArea.problems.every((p) => p.code === 'header.missing' && p.line === 1)).toBe(true);
		expect(noArea.ok).toBe(false);
		expect(noArea.units).toEqual([]);
	});
	it('reports data under a column without a header as extra cells', () => {
		const p = previewRoll(
			{ header: [...header(), ''], rows: rowsOf(ESTATE[0] + ',x', ESTATE[1] + ',') },
			{ idKey: fakeIdKey }
		);
		expect(p.problems).toEqual([
			{ line: 2, column: null, code: 'row.extraCells', params: { count: 1 } }
		]);
	});
	it('keeps validating when only an unknown column is present', () => {
		const p = previewRoll(
			{ header: [...header(), '备注'], rows: rowsOf(ESTATE[0] + ',x') },
			{ idKey: fakeIdKey }
		);
		expect(p.problems.map((x) => x.code)).toEqual(['header.unknown']);
		expect(p.units).toHaveLength(1);
	});
});
