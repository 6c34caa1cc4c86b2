import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { badOpenings, commitLabel, opensCommitment } from './openings';
import type { Roll } from './types';

const salt = '0123456789abcdef0123456789abcdef';

// docs/record-format.md § The roll and the two weights.
describe('unit label commitments hide the label until it is opened', () => {
	it('is SHA-256 of the JCS of {"label","salt"}', () => {
		expect(commitLabel('1栋 101', salt)).toBe(
			bytesToHex(sha256(new TextEncoder().encode(`{"label":"1栋 101","salt":"${salt}"}`)))
		);
	});
	it('differs for the same label under another salt, so equal flats are not recognisable', () => {
		expect(commitLabel('1栋 101', salt)).not.toBe(commitLabel('1栋 101', 'f'.repeat(32)));
	});
	it('opens only with the right label and a 32-hex salt', () => {
		const c = commitLabel('1栋 101', salt);
		expect(opensCommitment(c, { label: '1栋 101', salt })).toBe(true);
		expect(opensCommitment(c, { label: '1栋 102', salt })).toBe(false);
		expect(opensCommitment(commitLabel('x', 'ab'), { label: 'x', salt: 'ab' })).toBe(false);
	});
	it('names the openings that match no unit or the wrong commitment', () => {
		const roll: Roll = {
			owners: [{ id: 'o-1', kind: 'person' }],
			units: [
				{ id: 'u-a', label: commitLabel('1栋 101', salt), area: '89.50', owner: 'o-1' },
				{ id: 'u-b', label: commitLabel('1栋 102', salt), area: '89.50', owner: 'o-1' }
			]
		};
		expect(badOpenings(roll, { 'u-a': { label: '1栋 101', salt } })).toEqual([]);
		expect(
			badOpenings(roll, { 'u-a': { label: '1栋 102', salt }, 'u-z': { label: 'x', salt } })
		).toEqual(['u-a', 'u-z']);
		expect(badOpenings(roll, [])).toEqual(['*']);
	});
});
