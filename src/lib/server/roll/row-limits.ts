import { isBlankRow, type RawRow, type RollProblem } from '../../domain/roll';
import { ROLL_LIMITS } from './limits';

/**
 * The problem that stops reading at this row, or null: too many columns, a cell too long, or
 * one data row past the limit (`kept` holds the non-blank rows so far, the header first).
 */
export function rowProblem(cells: string[], line: number, kept: RawRow[]): RollProblem | null {
	if (cells.length > ROLL_LIMITS.columns) {
		// Trailing empty cells (a sheet formatted far to the right) do not count.
		let used = cells.length;
		while (used > 0 && cells[used - 1] === '') used--;
		if (used > ROLL_LIMITS.columns)
			return {
				line,
				column: null,
				code: 'file.tooManyColumns',
				params: { count: used, max: ROLL_LIMITS.columns }
			};
	}
	for (let i = 0; i < cells.length; i++) {
		if (cells[i].length > ROLL_LIMITS.cellChars)
			return {
				line,
				column: kept[0]?.cells[i]?.trim() || null,
				code: 'cell.tooLong',
				params: { length: cells[i].length, max: ROLL_LIMITS.cellChars }
			};
	}
	if (kept.length > ROLL_LIMITS.rows && !isBlankRow({ line, cells }))
		return { line, column: null, code: 'file.rowLimit', params: { max: ROLL_LIMITS.rows } };
	return null;
}
