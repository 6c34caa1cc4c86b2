import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { isBlankRow, type RawRow, type RollProblem } from '../../domain/roll';
import { rowProblem } from './row-limits';
import { guardXlsx } from './zip-guard';

type CellValue = ExcelJS.CellValue;

/**
 * Turns a cell value into text. Formulas become "=…" so the engine rejects them as cell.formula;
 * numbers keep their decimals; integers beyond 2^53 have lost digits (IDs typed as numbers).
 */
export function cellText(v: CellValue): { text: string; lostDigits: boolean } {
	if (v === null || v === undefined) return { text: '', lostDigits: false };
	if (typeof v === 'number')
		return { text: String(v), lostDigits: Number.isInteger(v) && !Number.isSafeInteger(v) };
	if (typeof v === 'string') return { text: v, lostDigits: false };
	if (typeof v === 'boolean') return { text: v ? 'true' : 'false', lostDigits: false };
	if (v instanceof Date) return { text: v.toISOString().slice(0, 10), lostDigits: false };
	if ('formula' in v || 'sharedFormula' in v) {
		const f =
			'formula' in v && v.formula ? v.formula : (v as { sharedFormula?: string }).sharedFormula;
		return { text: `=${f ?? ''}`, lostDigits: false };
	}
	if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), lostDigits: false };
	if ('hyperlink' in v) return cellText(v.text as CellValue);
	if ('error' in v) return { text: v.error, lostDigits: false };
	return { text: '', lostDigits: false };
}

/**
 * Reads the first worksheet (streaming: 50,000 rows in ~1 s) into rows numbered by Excel row,
 * after guardXlsx has bounded what the zip unpacks to; stops at the first row over a limit.
 * Blank rows are not kept.
 */
export async function readXlsx(bytes: Uint8Array): Promise<
	| {
			records: RawRow[];
			lostDigits: { line: number; index: number }[];
			problem: RollProblem | null;
	  }
	| { refused: RollProblem }
	| null
> {
	const guarded = guardXlsx(bytes);
	if (!guarded.ok) return { refused: guarded.problem };
	const records: RawRow[] = [];
	const lostDigits: { line: number; index: number }[] = [];
	let problem: RollProblem | null = null;
	// Loaded on the first XLSX only: a CSV read (in a fresh worker) need not load ExcelJS.
	const { default: Excel } = await import('exceljs');
	const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(guarded.bytes)]), {
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		styles: 'ignore',
		worksheets: 'emit'
	});
	try {
		outer: for await (const sheet of reader) {
			for await (const row of sheet) {
				const values = row.values as CellValue[];
				const cells: string[] = [];
				const lost: { line: number; index: number }[] = [];
				for (let c = 1; c < values.length; c++) {
					const { text, lostDigits: isLost } = cellText(values[c]);
					cells.push(text);
					if (isLost) lost.push({ line: row.number, index: c - 1 });
				}
				problem = rowProblem(cells, row.number, records);
				if (problem) break outer;
				if (isBlankRow({ line: row.number, cells })) continue;
				records.push({ line: row.number, cells });
				lostDigits.push(...lost);
			}
			break;
		}
	} catch {
		return null;
	}
	return { records, lostDigits, problem };
}

/** Reports cells whose numbers lost digits under the header name of their column. */
export function lostDigitProblems(
	lost: { line: number; index: number }[],
	header: string[]
): RollProblem[] {
	return lost.map(({ line, index }) => ({
		line,
		column: header[index]?.trim() || null,
		code: 'cell.numberPrecision',
		params: {}
	}));
}
