import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
	it('makes cells that start with = + - @ harmless and keeps ordinary text and numbers', () => {
		const csv = toCsv(
			['小区', '备注'],
			[
				['金色家园', '=HYPERLINK("http://x","点我")'],
				['+1', '-2+3'],
				['@SUM(A1)', 'a,b "c"'],
				['滨海花园', 85.5]
			]
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
		expect(rows).toEqual([
			['小区', '备注'],
			['金色家园', `'=HYPERLINK("http://x","点我")`],
			["'+1", "'-2+3"],
			["'@SUM(A1)", 'a,b "c"'],
			['滨海花园', '85.5']
		]);
	});
});
