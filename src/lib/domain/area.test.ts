import { describe, expect, it } from 'vitest';
import { formatArea, parseArea, parseAreaInput } from './area';

// docs/record-format.md § Conventions.
describe('area strings: exact hundredths, two decimals', () => {
	it.each([
		['0.00', 0n],
		['89.50', 8950n],
		['12345678901234567890.01', 1234567890123456789001n]
	])('parses %s exactly', (s, h) => expect(parseArea(s)).toBe(h));
	it.each(['89.5', '089.50', '-1.00', '1e2', ' 1.00', '1.000', ''])('rejects %j', (s) =>
		expect(parseArea(s)).toBeNull()
	);
	it('formats hundredths with two decimals', () => {
		expect(formatArea(0n)).toBe('0.00');
		expect(formatArea(5n)).toBe('0.05');
		expect(formatArea(8950n)).toBe('89.50');
	});
	it('accepts human input with up to two decimals', () => {
		expect(parseAreaInput('89')).toBe(8900n);
		expect(parseAreaInput(' 89.5 ')).toBe(8950n);
		expect(parseAreaInput('89.123')).toBeNull();
		expect(parseAreaInput('abc')).toBeNull();
	});
});
