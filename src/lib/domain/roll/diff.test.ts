import { describe, expect, it } from 'vitest';
import { diffRoll, snapshotOf, type RollSnapshot } from './diff';
import { previewRoll } from './preview';
import { fakeIdKey, header, rowsOf } from '../../../../tests/support/roll-rows';

const roll = (...rows: string[]): RollSnapshot =>
	snapshotOf(previewRoll({ header: header(), rows: rowsOf(...rows) }, { idKey: fakeIdKey }));

const OLD = [
	'1栋,101,住宅,89.50,实测,张三,A1,13800000001,,,',
	'1栋,102,住宅,90,登记簿,李四,B2,,,,',
	'1栋,103,住宅,70,登记簿,王五,C3,,,,'
];

describe('diffRoll', () => {
	it('finds nothing to do when the roll is re-imported unchanged', () => {
		const d = diffRoll(roll(...OLD), roll(...OLD.slice().reverse()));
		expect(d.empty).toBe(true);
		expect(d.units.unchanged).toBe(3);
		expect(d.owners.unchanged).toBe(3);
	});
	it('reports added, changed (with before/after fields) and removed units and owners', () => {
		const next = roll(
			'1栋,101,住宅,89.62,登记簿,张三,A1,13900000009,,是,',
			'1栋,101,住宅,89.62,登记簿,赵六,D4,,,,',
			'1栋,102,住宅,90,登记簿,李四,B2,,,,',
			'2栋,101,商铺,40,合同,,,,,,是'
		);
		const d = diffRoll(roll(...OLD), next);
		expect(d.empty).toBe(false);
		expect(d.units.added.map((u) => [u.building, u.unit, u.ownerKey])).toEqual([
			['2栋', '101', 'developer']
		]);
		expect(d.units.removed.map((u) => u.unit)).toEqual(['103']);
		expect(d.units.changed).toHaveLength(1);
		const c = d.units.changed[0];
		expect(c.fields).toEqual(['area', 'areaSource', 'coOwnerKeys']);
		expect([c.before.area, c.after.area]).toEqual([8950n, 8962n]);
		expect(c.after.coOwnerKeys).toEqual(['k:D4']);
		expect(d.units.unchanged).toBe(1);
		expect(d.owners.added.map((o) => o.key)).toEqual(['k:D4', 'developer']);
		expect(d.owners.removed.map((o) => o.key)).toEqual(['k:C3']);
		expect(d.owners.changed.map((o) => [o.key, o.fields, o.after.phone])).toEqual([
			['k:A1', ['phone'], '13900000009']
		]);
	});
	it('sees a sale as a change of the unit owner, co-owner order being irrelevant', () => {
		const before: RollSnapshot = roll(
			'1栋,101,住宅,90,登记簿,甲,A,,,是,',
			'1栋,101,住宅,90,登记簿,乙,B,,,,',
			'1栋,101,住宅,90,登记簿,丙,C,,,,'
		);
		const after = roll(
			'1栋,101,住宅,90,登记簿,甲,A,,,是,',
			'1栋,101,住宅,90,登记簿,丙,C,,,,',
			'1栋,101,住宅,90,登记簿,乙,B,,,,'
		);
		expect(diffRoll(before, after).empty).toBe(true);
		const sold = roll('1栋,101,住宅,90,登记簿,丁,D,,,,');
		expect(diffRoll(before, sold).units.changed[0].fields).toEqual(['ownerKey', 'coOwnerKeys']);
	});
});
