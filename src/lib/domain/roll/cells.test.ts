import { describe, expect, it } from 'vitest';
import {
	idLast4,
	isFormulaLike,
	normaliseIdNumber,
	parseAreaSource,
	parseFlag,
	parseKind,
	parseUnitArea
} from './cells';

describe('cell values', () => {
	it.each([
		['住宅', 'residence'],
		['Residence', 'residence'],
		['商铺', 'shop'],
		['车位', 'parking'],
		['PARKING', 'parking'],
		['其他', 'other'],
		['别墅', null],
		['', null]
	])('kind %j → %j', (s, k) => expect(parseKind(s)).toBe(k));
	it.each([
		['登记簿', 'register'],
		['实测', 'survey'],
		['合同', 'contract'],
		['Survey', 'survey'],
		['估算', null]
	])('area source %j → %j (SPC 解释 第8条)', (s, k) => expect(parseAreaSource(s)).toBe(k));
	it.each([
		['是', true],
		['否', false],
		['YES', true],
		['no', false],
		['true', true],
		['False', false],
		['1', true],
		['0', false],
		['', false],
		['ＹＥＳ', true],
		['对', null],
		['2', null]
	])('flag %j → %j', (s, v) => expect(parseFlag(s)).toBe(v));
	it.each([
		['89.5', 8950n],
		['89.50', 8950n],
		['100', 10000n],
		['0.01', 1n],
		['８９.５', 8950n],
		['0', null],
		['0.00', null],
		['89.555', null],
		['1,000', null],
		['abc', null],
		['', null]
	])('area %j → %s (m², > 0, two decimals)', (s, v) => expect(parseUnitArea(s)).toBe(v));
	it.each(['=1+1', '+86138', '-5', '@SUM(A1)', ' =HYPERLINK("x")'])(
		'%j looks like a formula',
		(s) => expect(isFormulaLike(s)).toBe(true)
	);
	it.each(['1栋', '张三', '138', ''])('%j is plain text', (s) =>
		expect(isFormulaLike(s)).toBe(false)
	);
	it('normalises ID numbers and keeps the last four with an uppercase X', () => {
		expect(normaliseIdNumber('１１０１０１１９９００１０１１２３Ｘ')).toBe('11010119900101123X');
		const id = normaliseIdNumber(' 11010119900101123x ');
		expect(id).toBe('11010119900101123X');
		expect(idLast4(id)).toBe('123X');
	});
});
