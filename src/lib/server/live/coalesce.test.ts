import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalesce';

describe('Coalescer', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs once at once for a burst, then once more at the end of the interval', async () => {
		const runs: number[] = [];
		const c = new Coalescer(async () => void runs.push(Date.now()), 250);
		const t0 = Date.now();
		for (let i = 0; i < 1500; i++) c.poke('a');
		await vi.advanceTimersByTimeAsync(0);
		expect(runs).toEqual([t0]);
		for (let i = 0; i < 1500; i++) c.poke('a');
		await vi.advanceTimersByTimeAsync(1000);
		expect(runs).toEqual([t0, t0 + 250]);
	});

	it('keeps the interval between runs when pokes come one by one', async () => {
		const runs: number[] = [];
		const c = new Coalescer(async () => void runs.push(Date.now()), 250);
		for (let i = 0; i < 100; i++) {
			c.poke('a');
			await vi.advanceTimersByTimeAsync(10);
		}
		await vi.advanceTimersByTimeAsync(500);
		// 1 s of pokes every 10 ms: a run every 250 ms, not 100 runs.
		expect(runs.length).toBeLessThanOrEqual(5);
		for (let i = 1; i < runs.length; i++) expect(runs[i] - runs[i - 1]).toBeGreaterThanOrEqual(250);
	});

	it('spaces the runs of a key whose run takes long to 1.5 times the run', async () => {
		const starts: number[] = [];
		const c = new Coalescer(async () => {
			starts.push(Date.now());
			await new Promise((r) => setTimeout(r, 200));
		}, 100);
		for (let i = 0; i < 200; i++) {
			c.poke('a');
			await vi.advanceTimersByTimeAsync(10);
		}
		expect(starts.length).toBeGreaterThanOrEqual(5);
		for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBe(300);
		c.stop();
	});

	it('never overlaps runs of one key and keys are independent', async () => {
		let active = 0;
		let maxActive = 0;
		const seen: string[] = [];
		const c = new Coalescer(async (k) => {
			seen.push(k);
			maxActive = Math.max(maxActive, ++active);
			await new Promise((r) => setTimeout(r, 400));
			active--;
		}, 100);
		c.poke('a');
		c.poke('b');
		await vi.advanceTimersByTimeAsync(50);
		c.poke('a');
		await vi.advanceTimersByTimeAsync(2000);
		expect(seen).toEqual(['a', 'b', 'a']);
		expect(maxActive).toBe(2); // a and b at once, never a twice
	});
});
