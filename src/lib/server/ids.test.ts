import { describe, expect, it } from 'vitest';
import { newId, newIds } from './ids';

describe('newIds', () => {
	it('gives ids of newId’s form, distinct, every character position random', () => {
		const ids = newIds('unt', 2000);
		expect(ids).toHaveLength(2000);
		const form = /^unt_[a-z2-7]{16}$/;
		expect(newId('unt')).toMatch(form);
		for (const id of ids) expect(id).toMatch(form);
		expect(new Set(ids).size).toBe(2000);
		for (let i = 4; i < 20; i++) {
			const seen = new Set(ids.map((id) => id[i]));
			// 16 characters of 5 bits each carry the 80 random bits: no position is fixed
			expect(seen.size).toBe(32);
		}
		expect(newIds('own', 0)).toEqual([]);
	});
});
