import { parseAreaInput, type Hundredths } from '../area';
import type { AreaSource, UnitKind } from './types';

const KINDS = new Map<string, UnitKind>([
	['住宅', 'residence'],
	['住房', 'residence'],
	['residence', 'residence'],
	['residential', 'residence'],
	['商铺', 'shop'],
	['商业', 'shop'],
	['shop', 'shop'],
	['车位', 'parking'],
	['停车位', 'parking'],
	['parking', 'parking'],
	['其他', 'other'],
	['其它', 'other'],
	['other', 'other']
]);

const SOURCES = new Map<string, AreaSource>([
	['登记簿', 'register'],
	['不动产登记簿', 'register'],
	['register', 'register'],
	['实测', 'survey'],
	['测绘', 'survey'],
	['survey', 'survey'],
	['合同', 'contract'],
	['contract', 'contract']
]);

const FLAGS = new Map<string, boolean>([
	['', false],
	['是', true],
	['否', false],
	['yes', true],
	['no', false],
	['y', true],
	['n', false],
	['true', true],
	['false', false],
	['1', true],
	['0', false]
]);

/** Full-width forms (１２.５, ＹＥＳ) typed with a Chinese input method count as their ASCII forms. */
const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * A lookup of folded words that remembers the cells it has seen: a roll repeats a handful of
 * words (住宅, 登记簿, 是) in every row, and NFKC folding each one again cost a tenth of a preview.
 */
function wordLookup<T>(words: ReadonlyMap<string, T>): (s: string) => T | null {
	const seen = new Map<string, T | null>();
	return (s) => {
		let value = seen.get(s);
		if (value === undefined) {
			value = words.get(fold(s)) ?? null;
			if (s.length <= 32 && seen.size < 1_000) seen.set(s, value);
		}
		return value;
	};
}

/** Parses 住宅/商铺/车位/其他 or residence/shop/parking/other; null when unknown. */
export const parseKind: (s: string) => UnitKind | null = wordLookup(KINDS);

/** Parses 登记簿/实测/合同 or register/survey/contract — SPC 解释 第8条; null when unknown. */
export const parseAreaSource: (s: string) => AreaSource | null = wordLookup(SOURCES);

/** Parses 是/否, yes/no, true/false, 1/0; empty is no; null when not a flag. */
export const parseFlag: (s: string) => boolean | null = wordLookup(FLAGS);

/** A unit's area: m² with up to two decimals, strictly positive; null otherwise. */
export function parseUnitArea(s: string): Hundredths | null {
	const h = parseAreaInput(s.normalize('NFKC'));
	return h !== null && h > 0n ? h : null;
}

/** Cells starting with = + - @ would run as formulas in a spreadsheet — OWASP ASVS 1.2.10. */
export function isFormulaLike(s: string): boolean {
	const c = s.trimStart().charAt(0);
	return c === '=' || c === '+' || c === '-' || c === '@';
}

/** Normalises an ID number before keying: NFKC (full-width digits), trim, uppercase (the X). */
export function normaliseIdNumber(s: string): string {
	return s.normalize('NFKC').trim().toUpperCase();
}

/** The last four characters of a normalised ID number, the only part the roll keeps in clear. */
export function idLast4(normalised: string): string {
	return normalised.slice(-4);
}
