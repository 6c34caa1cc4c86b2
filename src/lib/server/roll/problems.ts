import { formatProblem, type RollLocale, type RollProblem } from '$lib/domain/roll';

/** Codes the import adds to the engine's: refusals from the stored roll, not from the file. */
export type ImportRefusalCode = 'estate.notFound' | 'roll.locked' | 'roll.unitReferenced';

/** A problem with its message in the user's locale, as the UI and the CLI show it. */
export interface ImportProblem {
	line: number | null;
	column: string | null;
	code: string;
	params: Record<string, string | number>;
	message: string;
}

/** Messages for engine and import codes alike live under `problem.*` in locales/{zh,en}/roll.json. */
export function describeProblem(
	p: { line: number | null; column: string | null; code: string; params: RollProblem['params'] },
	locale: RollLocale = 'zh'
): ImportProblem {
	return { ...p, message: formatProblem(p as RollProblem, locale) };
}

export function refusal(
	code: ImportRefusalCode,
	params: RollProblem['params'],
	locale: RollLocale
): ImportProblem {
	return describeProblem({ line: null, column: null, code, params }, locale);
}
