import en from '$lib/i18n/locales/en/roll.json';
import zh from '$lib/i18n/locales/zh/roll.json';
import type { RollProblem } from '$lib/domain/roll';
import { formatProblem, type RollLocale } from '$lib/i18n/roll-problems';

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

/** Engine problems take their message from `problem.*` in locales/{zh,en}/roll.json. */
export function describeProblem(p: RollProblem, locale: RollLocale = 'zh'): ImportProblem {
	return { ...p, message: formatProblem(p, locale) };
}

const REFUSALS: Record<RollLocale, Record<string, string>> = { zh, en };

/** A refusal that concerns the whole file; its message is `refusal.<code>` in roll.json. */
export function refusal(
	code: ImportRefusalCode,
	params: RollProblem['params'],
	locale: RollLocale
): ImportProblem {
	const template = REFUSALS[locale][`refusal.${code}`] ?? code;
	const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
	return { line: null, column: null, code, params, message };
}
