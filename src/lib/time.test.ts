import { describe, expect, it } from 'vitest';
import { beijingTime, beijingTimeWithSeconds, toBeijingInput } from './time';

describe('Beijing time (UTC+8, no DST)', () => {
	it('crosses the date line at 16:00 UTC', () => {
		expect(beijingTime('2025-12-31T16:30:00Z')).toBe('2026年1月1日 00:30');
		expect(beijingTime('2025-12-31T16:30:00Z', 'en')).toBe('2026-01-01 00:30');
	});
	it('gives datetime-local values and seconds', () => {
		expect(toBeijingInput(new Date('2026-03-21T01:00:00Z'))).toBe('2026-03-21T09:00');
		expect(beijingTimeWithSeconds('2026-03-01T01:00:05.123Z')).toBe('2026-03-01 09:00:05');
	});
});
