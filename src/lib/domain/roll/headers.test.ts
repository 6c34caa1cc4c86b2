import { describe, expect, it } from 'vitest';
import { mapHeader } from './headers';

describe('mapHeader', () => {
	it('accepts the Chinese template header, with a UTF-8 BOM and spaces', () => {
		const { columns, problems } = mapHeader([
			'\uFEFF楼栋',
			' 房号 ',
			'类型',
			'面积',
			'面积来源',
			'业主姓名',
			'证件号码'
		]);
		expect(problems).toEqual([]);
		expect(columns.building).toEqual({ index: 0, name: '楼栋' });
		expect(columns.unit).toEqual({ index: 1, name: '房号' });
	});
	it('accepts English names case-insensitively, with spaces or underscores', () => {
		const h = [
			'Building',
			'UNIT',
			'Kind',
			'Area',
			'Area Source',
			'owner_name',
			'ID_Number',
			'Phone'
		];
		const { columns, problems } = mapHeader(h);
		expect(problems).toEqual([]);
		expect(columns.area_source?.name).toBe('Area Source');
		expect(columns.phone?.index).toBe(7);
	});
	it.each([
		['楼号', 'building'],
		['栋', 'building'],
		['室号', 'unit'],
		['房间号', 'unit'],
		['建筑面积', 'area'],
		['专有部分面积（㎡）', 'area'],
		['面积(m²)', 'area'],
		['姓名', 'owner_name'],
		['身份证号', 'id_number'],
		['证件号', 'id_number'],
		['手机', 'phone'],
		['手机号', 'phone'],
		['不动产权证号', 'certificate_no'],
		['房产证号', 'certificate_no']
	])('recognises the synonym %s as %s', (name, field) => {
		const { columns } = mapHeader([name]);
		expect(columns[field as keyof typeof columns]?.name).toBe(name);
	});
	it('reports unknown and duplicate columns on line 1, and each missing required column', () => {
		const { problems } = mapHeader(['楼栋', '栋', '备注', '', '房号']);
		expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[1, '栋', 'header.duplicate'],
			[1, '备注', 'header.unknown'],
			[1, null, 'header.missing'],
			[1, null, 'header.missing'],
			[1, null, 'header.missing'],
			[1, null, 'header.missing'],
			[1, null, 'header.missing']
		]);
		expect(problems.filter((p) => p.code === 'header.missing').map((p) => p.params.field)).toEqual([
			'kind',
			'area',
			'area_source',
			'owner_name',
			'id_number'
		]);
	});
});
