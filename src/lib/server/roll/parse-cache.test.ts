import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { previewRoll, type RollPreview } from '$lib/domain/roll';
import {
	CACHED_PARSE_MAX_AGE_MS,
	MAX_CACHED_PARSES,
	clearParseCache,
	parseKey,
	rememberParse,
	takeParse
} from './parse-cache';

const idKey = (secret: string) => (v: string) =>
	createHmac('sha256', secret).update(v).digest('hex');
const HEADER = ['楼栋', '房号', '类型', '面积', '面积来源', '业主姓名', '证件号码'];

function preview(unit = '101'): RollPreview {
	const cells = ['1栋', unit, '住宅', '90', '登记簿', '张三', '110101199001011234'];
	return previewRoll({ header: HEADER, rows: [{ line: 2, cells }] }, { idKey: idKey('k') });
}

const parts = {
	estateId: 'est_a',
	sha256: 'ab'.repeat(32),
	filename: 'roll.csv',
	countedKinds: ['residence', 'shop'] as const,
	idKey: idKey('k')
};
const parse = (p = preview()) => ({
	format: 'csv' as const,
	encoding: 'utf-8' as const,
	preview: p
});

describe('parse cache', () => {
	beforeEach(() => clearParseCache());

	it('the key changes with every input the parse depends on', () => {
		const key = parseKey(parts);
		expect(parseKey({ ...parts, countedKinds: ['shop', 'residence'] })).toBe(key);
		for (const change of [
			{ estateId: 'est_b' },
			{ sha256: 'cd'.repeat(32) },
			{ filename: 'roll.xlsx' },
			{ countedKinds: ['residence'] as const },
			{ idKey: idKey('other') }
		])
			expect(parseKey({ ...parts, ...change })).not.toBe(key);
	});

	it('gives a kept parse once, only for its key and only while it is young', () => {
		const now = 1_000_000;
		const key = parseKey(parts);
		rememberParse(key, parse(), now);
		expect(takeParse(parseKey({ ...parts, estateId: 'est_b' }), now)).toBeNull();
		expect(takeParse(key, now)?.preview.units[0].unit).toBe('101');
		expect(takeParse(key, now)).toBeNull();
		rememberParse(key, parse(), now);
		expect(takeParse(key, now + CACHED_PARSE_MAX_AGE_MS + 1)).toBeNull();
	});

	it('keeps at most a few parses, the newest', () => {
		const keys = Array.from({ length: MAX_CACHED_PARSES + 1 }, (_, i) =>
			parseKey({ ...parts, sha256: String(i).repeat(64) })
		);
		for (const k of keys) rememberParse(k, parse());
		expect(takeParse(keys[0])).toBeNull();
		for (const k of keys.slice(1)) expect(takeParse(k)).not.toBeNull();
	});

	it('keeps no parse with problems, and a kept one cannot be changed', () => {
		const bad = previewRoll(
			{
				header: HEADER,
				rows: [{ line: 2, cells: ['1栋', '101', '住宅', 'x', '登记簿', '张三', '1'] }]
			},
			{ idKey: idKey('k') }
		);
		expect(bad.ok).toBe(false);
		rememberParse(parseKey(parts), parse(bad));
		expect(takeParse(parseKey(parts))).toBeNull();

		const good = preview();
		rememberParse(parseKey(parts), parse(good));
		expect(() => {
			good.units[0].ownerKey = 'someone else';
		}).toThrow(TypeError);
		expect(() => good.units.push(good.units[0])).toThrow(TypeError);
		expect(() => good.owners[0].unitKeys.push('x')).toThrow(TypeError);
	});
});
