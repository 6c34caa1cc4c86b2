import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, previewRoll } from '../domain/roll';
import { fakeIdKey, header, rowsOf } from '../../../tests/support/roll-rows';
import en from './locales/en/roll.json';
import zh from './locales/zh/roll.json';
import { formatProblem, summariseRoll } from './roll-problems';

describe('roll problem messages', () => {
	it.each([
		['zh', zh],
		['en', en]
	])('%s has a message for exactly the problem codes', (_, messages) => {
		const problems = Object.keys(messages).filter((k) => k.startsWith('problem.'));
		expect(problems.sort()).toEqual(PROBLEM_CODES.map((c) => `problem.${c}`).sort());
	});
	it('interpolates params in Chinese by default and in English', () => {
		const p = { line: 3, column: '面积', code: 'area.invalid' as const, params: { value: 'abc' } };
		expect(formatProblem(p)).toBe(
			'面积必须是大于 0、最多两位小数的数字（例如 89.50），填写的是「abc」'
		);
		expect(formatProblem(p, 'en')).toContain('found "abc"');
	});
	it('summarises a preview for the CLI --json output', () => {
		const rows = rowsOf(
			'1栋,101,住宅,89.5,登记簿,张三,A1,,,,',
			'1栋,102,住宅,0,登记簿,李四,B2,,,,'
		);
		const summary = summariseRoll(
			previewRoll({ header: header(), rows }, { idKey: fakeIdKey }),
			'en'
		);
		expect(summary).toEqual({
			units: 1,
			owners: 1,
			area: '89.50',
			problems: [
				{
					line: 3,
					column: '面积',
					code: 'area.invalid',
					message:
						'The area must be a number greater than 0 with at most two decimals (e.g. 89.50); found "0"'
				}
			]
		});
	});
});
