import { describe, expect, it } from 'vitest';
import { MAX_PAGE, parsePage } from '../../src/lib/server/paging';

describe('#13 paging parameters are validated', () => {
	it.each(['1e20', '-5', '0', '2.5', 'abc', '', '99999999999', String(MAX_PAGE + 1), ' 3'])(
		'%j is page 1',
		(v) => expect(parsePage(v)).toBe(1)
	);
	it('real pages pass', () => {
		expect(parsePage(null)).toBe(1);
		expect(parsePage('7')).toBe(7);
		expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
	});
});
