/**
 * Areas are integer hundredths of a square metre; the record's area string has exactly two decimals
 * (gongyi-record/1, docs/record-format.md § Conventions). Floating point never touches an area.
 */
export type Hundredths = bigint;

const RECORD_AREA = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;
const INPUT_AREA = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/;

/** Parses the record's strict area string ("89.50"); null when it is not exactly that form. */
export function parseArea(s: string): Hundredths | null {
	if (typeof s !== 'string' || !RECORD_AREA.test(s)) return null;
	return BigInt(s.replace('.', ''));
}

/** Parses a human area entry: m² with up to two decimals ("89", "89.5", "89.50"); null otherwise. */
export function parseAreaInput(s: string): Hundredths | null {
	const t = typeof s === 'string' ? s.trim() : '';
	if (!INPUT_AREA.test(t)) return null;
	const [whole, frac = ''] = t.split('.');
	return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
}

/** Formats hundredths as the record's area string (docs/record-format.md § Conventions). */
export function formatArea(h: Hundredths): string {
	if (h < 0n) throw new RangeError('negative area');
	const s = h.toString().padStart(3, '0');
	return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
