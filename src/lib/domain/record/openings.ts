import { hashCanonical } from './canonical';
import { nobleSha256, type Sha256 } from './sha256';
import type { Roll } from './types';

/** A unit label and the salt of its commitment: what the full record adds beside the hashed roll. */
export interface Opening {
	label: string;
	salt: string;
}

/** unit record id → its opening; `roll.openings` of the full record, outside H(roll). */
export type Openings = Record<string, Opening>;

const SALT = /^[0-9a-f]{32}$/;

/** A unit label as the public record shows it: H({"label", "salt"}), so it names no flat — docs/record-format.md § The roll and the two weights. */
export function commitLabel(label: string, salt: string, sha: Sha256 = nobleSha256): string {
	return hashCanonical({ label, salt }, sha);
}

/** True iff the opening is well formed and hashes to the committed label. */
export function opensCommitment(
	committed: string,
	opening: Opening,
	sha: Sha256 = nobleSha256
): boolean {
	return (
		typeof opening?.label === 'string' &&
		typeof opening.salt === 'string' &&
		SALT.test(opening.salt) &&
		commitLabel(opening.label, opening.salt, sha) === committed
	);
}

/** Record ids of units whose opening is missing a unit or does not match its commitment. */
export function badOpenings(roll: Roll, openings: unknown, sha: Sha256 = nobleSha256): string[] {
	if (typeof openings !== 'object' || openings === null || Array.isArray(openings)) return ['*'];
	const labels = new Map(roll.units.map((u) => [u.id, u.label]));
	return Object.entries(openings as Openings)
		.filter(([id, o]) => !labels.has(id) || !opensCommitment(labels.get(id)!, o, sha))
		.map(([id]) => id);
}
