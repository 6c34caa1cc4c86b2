import { generateCode, normaliseCode } from '../registration/codes';

/** What the QR code on a paper ballot holds: a prefix and the ballot code, nothing personal. */
const PREFIX = 'GYB:';

export const newBallotCode = generateCode;

export function ballotQrData(code: string): string {
	return PREFIX + code;
}

/** A scanned QR payload or a typed code → the canonical code, or null. */
export function readBallotCode(input: string): string | null {
	const s = input.trim();
	return normaliseCode(s.toUpperCase().startsWith(PREFIX) ? s.slice(PREFIX.length) : s);
}
