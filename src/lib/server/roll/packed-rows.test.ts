import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../domain/roll';
import { packedBuffers, packRows, unpackRows } from './packed-rows';

describe('packRows / unpackRows', () => {
	it('gives back the same rows: empty cells, rows of other lengths, astral characters, no rows', () => {
		const rows: RawRow[] = [
			{ line: 2, cells: ['1栋', '101', '住宅', '89.50', '', '业主𠀋', '\u0000', ''] },
			{ line: 3, cells: [] },
			{ line: 7, cells: [''] },
			{ line: 100_000, cells: ['a,"b"', 'line\r\nbreak', '=1+1', '😀'.repeat(3)] }
		];
		const packed = packRows(rows);
		expect(unpackRows(packed)).toEqual(rows);
		expect(packed.counts).toEqual(new Uint32Array([8, 0, 1, 4]));
		expect(unpackRows(packRows([]))).toEqual([]);
	});

	it('survives being posted to another thread, buffers transferred', async () => {
		const rows = Array.from({ length: 1000 }, (_, i) => ({
			line: i + 2,
			cells: [`${i}栋`, String(i), i % 7 ? '住宅' : '']
		}));
		const packed = packRows(rows);
		const { port1, port2 } = new MessageChannel();
		const received = new Promise<typeof packed>((r) =>
			port2.once('message', (m) => r(m as typeof packed))
		);
		port1.postMessage(packed, packedBuffers(packed));
		expect(unpackRows(await received)).toEqual(rows);
		expect(packed.ends.length).toBe(0); // moved, not copied
		port1.close();
	});
});
