import { isBlankRow, type RawRow, type RollInput, type RollProblem } from '../../domain/roll';
import { decodeText, parseCsv, type TextEncoding } from './csv';
import { lostDigitProblems, readXlsx } from './xlsx';

export type RollFile = RollInput & { format: 'csv' | 'xlsx'; encoding: TextEncoding | null };
export type ReadRollResult = RollFile | { error: RollProblem };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const fileProblem = (code: RollProblem['code'], params: RollProblem['params'] = {}) => ({
	error: { line: null, column: null, code, params }
});

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return magic.every((m, i) => bytes[i] === m);
}

/** Splits records into the header (first non-blank record) and the non-blank rows after it. */
function split(records: RawRow[]): { header: string[]; headerLine: number; rows: RawRow[] } | null {
	const at = records.findIndex((r) => !isBlankRow(r));
	if (at < 0) return null;
	const header = records[at].cells.map((c) => c.trim());
	const rows = records.slice(at + 1).filter((r) => !isBlankRow(r));
	return { header, headerLine: records[at].line, rows };
}

/** Reads a roll file (CSV in UTF-8/GBK/UTF-16, or XLSX) into text rows for previewRoll. */
export async function readRollFile(
	bytes: Uint8Array,
	filename: string,
	options: { maxBytes?: number } = {}
): Promise<ReadRollResult> {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	if (bytes.length > maxBytes) return fileProblem('file.tooLarge', { maxMb: maxBytes / 2 ** 20 });
	if (bytes.length === 0) return fileProblem('file.empty');
	const extension = (/\.([^.]+)$/.exec(filename)?.[1] ?? '').toLowerCase();
	const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
	const isOle = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);

	if (isZip || extension === 'xlsx') {
		const xlsx = await readXlsx(bytes);
		if (!xlsx) return fileProblem('file.unreadable', { format: 'XLSX' });
		if ('refused' in xlsx) return { error: xlsx.refused };
		if (xlsx.problem) return { error: xlsx.problem };
		const parts = split(xlsx.records);
		if (!parts) return fileProblem('file.empty');
		const problems = lostDigitProblems(xlsx.lostDigits, parts.header);
		return { ...parts, problems, format: 'xlsx', encoding: null };
	}
	if (isOle || !['csv', 'txt', 'tsv', ''].includes(extension))
		return fileProblem('file.unsupported', { extension: extension ? `.${extension}` : filename });

	const decoded = decodeText(bytes);
	if (!decoded) return fileProblem('file.encoding');
	const { records, malformed, problem } = parseCsv(decoded.text);
	if (malformed) return fileProblem('file.unreadable', { format: 'CSV' });
	if (problem) return { error: problem };
	const parts = split(records);
	if (!parts) return fileProblem('file.empty');
	return { ...parts, problems: [], format: 'csv', encoding: decoded.encoding };
}
