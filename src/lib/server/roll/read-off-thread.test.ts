import { afterAll, describe, expect, it } from 'vitest';
import { readRollFile } from './read-file';
import {
	IN_THREAD_BYTES,
	readRollFileOffThread,
	rollReadStats,
	stopSpareWorker
} from './read-off-thread';

const header = '楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售';
function csv(rows: number, salt: string): Uint8Array {
	const lines = [header];
	for (let i = 0; i < rows; i++)
		lines.push(
			`1栋,${salt}${i},住宅,88.50,登记簿,业主${i},,139000${String(i).padStart(5, '0')},,,`
		);
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

afterAll(() => stopSpareWorker());

describe('readRollFileOffThread — the worker that read a file waits for the next one', () => {
	it('reads the second large file with the worker that read the first, with the same result as in place', async () => {
		const [a, b] = [csv(2_000, 'A'), csv(2_500, 'B')];
		expect(a.length).toBeGreaterThan(IN_THREAD_BYTES);
		const before = rollReadStats();
		expect(await readRollFileOffThread(a, 'a.csv')).toEqual(await readRollFile(a, 'a.csv'));
		// A pause, as between two uploads.
		await new Promise((r) => setTimeout(r, 1_500));
		expect(await readRollFileOffThread(b, 'b.csv')).toEqual(await readRollFile(b, 'b.csv'));
		const after = rollReadStats();
		expect(after.worker - before.worker).toBe(2);
		expect(after.warm - before.warm).toBeGreaterThanOrEqual(1);
		expect(after.refusedByLimits).toBe(before.refusedByLimits);
	});

	it('keeps the worker that read a file for the next one, at once, with the same result', async () => {
		const [a, b] = [csv(2_000, 'D'), csv(3_000, 'E')];
		expect(await readRollFileOffThread(a, 'a.csv')).toEqual(await readRollFile(a, 'a.csv'));
		const before = rollReadStats();
		expect(await readRollFileOffThread(b, 'b.csv')).toEqual(await readRollFile(b, 'b.csv'));
		expect(rollReadStats().warm - before.warm).toBe(1);
	});

	it('starts a fresh worker when the waiting one was started with other limits', async () => {
		const file = csv(2_000, 'C');
		const before = rollReadStats();
		const result = await readRollFileOffThread(file, 'c.csv', { memoryMb: 512 });
		expect(result).toEqual(await readRollFile(file, 'c.csv'));
		expect(rollReadStats().warm).toBe(before.warm);
	});
});
