import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { isBlankRow, type RawRow, type RollProblem } from '../../domain/roll';
import { rowProblem } from './row-limits';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Detects the text encoding: a BOM wins; else valid UTF-8 is UTF-8; else GB18030, the superset of
 * the GBK that Chinese Excel writes. Null when the bytes are not text in any of them.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
	const b = bytes;
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
		return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
	if (b[0] === 0xff && b[1] === 0xfe)
		return { text: iconv.decode(Buffer.from(b.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
	if (b[0] === 0xfe && b[1] === 0xff)
		return { text: iconv.decode(Buffer.from(b.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
	} catch {
		const text = iconv.decode(Buffer.from(b), 'gb18030');
		// eslint-disable-next-line no-control-regex -- control characters mean binary, not text
		if (text.includes('\uFFFD') || /[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
		return { text, encoding: 'gb18030' };
	}
}

/**
 * Splits CSV text into records numbered by their first physical line (quoted newlines count),
 * row by row so the limits stop a huge file at the line that passes them: blank records are
 * counted for the line numbers but not kept, and reading ends at the first problem.
 */
export function parseCsv(text: string): {
	records: RawRow[];
	malformed: boolean;
	problem: RollProblem | null;
} {
	const records: RawRow[] = [];
	let malformed = false;
	let problem: RollProblem | null = null;
	let line = 1;
	Papa.parse<string[]>(text, {
		skipEmptyLines: false,
		step: (result, parser) => {
			if (result.errors.some((e) => e.type === 'Quotes')) malformed = true;
			const cells = result.data;
			const at = line;
			line += 1;
			for (const c of cells)
				for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) line++;
			problem = rowProblem(cells, at, records);
			if (problem) return parser.abort();
			if (!isBlankRow({ line: at, cells })) records.push({ line: at, cells });
		}
	});
	return { records, malformed, problem };
}
