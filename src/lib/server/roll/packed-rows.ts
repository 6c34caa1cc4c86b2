import type { RawRow } from '../../domain/roll';
import type { RollFile } from './read-file';

/**
 * A file's rows as one string and three number arrays, the form the read worker posts them in.
 * Cloning 50,000 rows of eleven strings cost 100–190 ms between threads; one string and three
 * transferred buffers cost a few, and cutting the cells out again about 30 ms.
 */
export interface PackedRows {
	/** Every cell of every row, one after another. */
	text: string;
	/** Where each cell ends in `text`. */
	ends: Uint32Array;
	/** How many cells each row has. */
	counts: Uint32Array;
	/** Each row's line in the file. */
	lines: Uint32Array;
}

export function packRows(rows: readonly RawRow[]): PackedRows {
	let cells = 0;
	for (const r of rows) cells += r.cells.length;
	const ends = new Uint32Array(cells);
	const counts = new Uint32Array(rows.length);
	const lines = new Uint32Array(rows.length);
	const parts: string[] = [];
	let end = 0;
	let c = 0;
	rows.forEach((r, i) => {
		counts[i] = r.cells.length;
		lines[i] = r.line;
		for (const cell of r.cells) {
			end += cell.length;
			ends[c++] = end;
		}
		parts.push(r.cells.join(''));
	});
	return { text: parts.join(''), ends, counts, lines };
}

export function unpackRows({ text, ends, counts, lines }: PackedRows): RawRow[] {
	const rows: RawRow[] = new Array(counts.length);
	let start = 0;
	let c = 0;
	for (let i = 0; i < counts.length; i++) {
		const cells: string[] = new Array(counts[i]);
		for (let j = 0; j < cells.length; j++) {
			const end = ends[c++];
			cells[j] = text.slice(start, end);
			start = end;
		}
		rows[i] = { line: lines[i], cells };
	}
	return rows;
}

/** The buffers to transfer rather than copy when posting `packed`. */
export const packedBuffers = (packed: PackedRows): ArrayBuffer[] => [
	packed.ends.buffer as ArrayBuffer,
	packed.counts.buffer as ArrayBuffer,
	packed.lines.buffer as ArrayBuffer
];

/** A read file with its rows packed: what the worker posts. */
export type PackedRollFile = Omit<RollFile, 'rows'> & { packed: PackedRows };

export const packRollFile = ({ rows, ...rest }: RollFile): PackedRollFile => ({
	...rest,
	packed: packRows(rows)
});

export const unpackRollFile = ({ packed, ...rest }: PackedRollFile): RollFile => ({
	...rest,
	rows: unpackRows(packed)
});
