import { DEFAULT_MAX_ROWS } from '../../domain/roll/preview';

/**
 * What a roll file may hold, checked before and while it is read (a file over any of them is
 * refused with a problem naming the limit and, where there is one, the line):
 * an estate's plausible maximum of data rows, a generous cell and column count, one sheet that
 * matters among at most a few dozen, and what an XLSX may unpack to.
 */
export const ROLL_LIMITS = {
	rows: DEFAULT_MAX_ROWS,
	cellChars: 1000,
	columns: 256,
	sheets: 32,
	zipEntries: 2000,
	unpackedBytes: 128 * 2 ** 20
} as const;
