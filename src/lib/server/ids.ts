import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** A random id with a readable prefix, e.g. `acc_5x2k…` (80 random bits). */
export function newId(prefix: string): string {
	return `${prefix}_${encodeBase32LowerCaseNoPadding(randomBytes(10))}`;
}

/** Random bytes as lowercase hex. */
export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}
