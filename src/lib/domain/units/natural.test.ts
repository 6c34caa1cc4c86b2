import { describe, expect, it } from 'vitest';
import { byBuildingAndUnit, isOwnerOf, naturalCompare, searchKey } from './natural';

describe('naturalCompare', () => {
	it('orders digit runs by value', () => {
		const labels = ['1栋 1001', '1栋 201', '1栋 101', '10栋 101', '2栋 101', '1栋 102'];
		expect([...labels].sort(naturalCompare)).toEqual([
			'1栋 101',
			'1栋 102',
			'1栋 201',
			'1栋 1001',
			'2栋 101',
			'10栋 101'
		]);
	});

	it('sorts buildings, then units within a building', () => {
		const units = [
			{ building: '10栋', label: '101' },
			{ building: '1栋', label: '1001' },
			{ building: '1栋', label: '101' },
			{ building: '2栋', label: '1-101' },
			{ building: '2栋', label: '商铺3' },
			{ building: '2栋', label: '商铺12' }
		];
		expect([...units].sort(byBuildingAndUnit).map((u) => `${u.building} ${u.label}`)).toEqual([
			'1栋 101',
			'1栋 1001',
			'2栋 1-101',
			'2栋 商铺3',
			'2栋 商铺12',
			'10栋 101'
		]);
	});
});

describe('searchKey and isOwnerOf', () => {
	it('ignores spaces and case', () => {
		expect(searchKey('5栋 104')).toBe(searchKey('5栋104'));
		expect(searchKey(' A座 ')).toBe('a座');
	});

	it('matches a typed name against the owners of a unit', () => {
		expect(isOwnerOf('王 建喆', ['王建喆', '李玥'])).toBe(true);
		expect(isOwnerOf('王建', ['王建喆'])).toBe(false);
		expect(isOwnerOf('', ['王建喆'])).toBe(false);
		expect(isOwnerOf('李玥', [])).toBe(false);
	});
});
