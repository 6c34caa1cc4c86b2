import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** A random id with a readable prefix, e.g. `acc_5x2k…` (80 random bits). */
export function newId(prefix: string): string {
	return `${prefix}_${encodeBase32LowerCaseNoPadding(randomBytes(10))}`;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * `count` ids like newId's, from one draw of random bytes: a 50,000-unit roll import needs about
 * 100,000 ids, and one randomBytes call with an inline encoder per id is several times faster.
 */
export function newIds(prefix: string, count: number): string[] {
	const bytes = randomBytes(10 * count);
	const out = new Array<string>(count);
	for (let i = 0; i < count; i++) {
		let id = prefix + '_';
		let acc = 0;
		let bits = 0;
		for (let j = i * 10; j < i * 10 + 10; j++) {
			acc = ((acc & 0xff) << 8) | bytes[j];
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				id += BASE32[(acc >>> bits) & 31];
			}
		}
		out[i] = id;
	}
	return out;
}

/** Random bytes as lowercase hex. */
export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}
