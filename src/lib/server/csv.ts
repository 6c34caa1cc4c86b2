import Papa from 'papaparse';

/**
 * CSV for spreadsheets, formula-safe: a cell starting with = + - @ (or a tab or carriage return)
 * gets a leading apostrophe so Excel and WPS show it as text instead of running it (CWE-1236).
 * A UTF-8 BOM lets Excel on Windows read Chinese correctly.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
	const csv = Papa.unparse(
		{ fields: header, data: rows.map((r) => r.map((c) => (c === null ? '' : String(c)))) },
		{ escapeFormulae: /^[=+\-@\t\r]/, newline: '\r\n' }
	);
	return '\uFEFF' + csv + '\r\n';
}
