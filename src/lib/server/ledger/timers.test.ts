import { describe, expect, it } from 'vitest';
import { checkpointEveryMs } from './timers';

describe('GONGYI_CHECKPOINT_SECONDS', () => {
	it('defaults to two minutes when unset or empty', () => {
		expect(checkpointEveryMs(undefined)).toBe(120_000);
		expect(checkpointEveryMs(' ')).toBe(120_000);
	});
	it('takes whole seconds from 5 to 3600', () => {
		expect(checkpointEveryMs('5')).toBe(5_000);
		expect(checkpointEveryMs('3600')).toBe(3_600_000);
	});
	it.each(['4', '3601', '1.5', 'ten', '-10', '1e3x'])('refuses %s with the setting named', (v) => {
		expect(() => checkpointEveryMs(v)).toThrow(/GONGYI_CHECKPOINT_SECONDS must be a whole number/);
	});
});
