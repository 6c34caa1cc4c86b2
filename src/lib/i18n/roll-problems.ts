import type { RollPreview, RollProblem } from '../domain/roll';
import en from './locales/en/roll.json';
import zh from './locales/zh/roll.json';

export type RollLocale = 'zh' | 'en';

const MESSAGES: Record<RollLocale, Record<string, string>> = { zh, en };

/** Renders a problem in the locale (i18next-style {{param}} interpolation; zh by default). */
export function formatProblem(problem: RollProblem, locale: RollLocale = 'zh'): string {
	const template = MESSAGES[locale][`problem.${problem.code}`] ?? problem.code;
	return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
		name in problem.params ? String(problem.params[name]) : whole
	);
}

/** The CLI's `--json` summary of an import. */
export interface RollJsonSummary {
	units: number;
	owners: number;
	area: string;
	problems: { line: number | null; column: string | null; code: string; message: string }[];
}

/** Summarises a preview for `--json`: all units, heads, counted area, problems with messages. */
export function summariseRoll(preview: RollPreview, locale: RollLocale = 'zh'): RollJsonSummary {
	return {
		units: preview.totals.units,
		owners: preview.totals.heads,
		area: preview.totals.area,
		problems: preview.problems.map((p) => ({
			line: p.line,
			column: p.column,
			code: p.code,
			message: formatProblem(p, locale)
		}))
	};
}
