import { redactError } from '../log';
/**
 * Runs `work(key)` at most once per `intervalMs` per key, however often `poke(key)` is called:
 * a burst of pokes costs one run now (when idle) and one more at the end of the interval. Never two
 * runs of one key at once; a poke during a run schedules exactly one follow-up. A run that takes
 * long (a fan-out to thousands of sockets blocks the thread for most of 100 ms) spaces the next
 * one to 1.5 × its own time, so one key's runs never take more than two thirds of the thread.
 */
export class Coalescer {
	private readonly slots = new Map<
		string,
		{
			timer: ReturnType<typeof setTimeout> | null;
			running: boolean;
			dirty: boolean;
			last: number;
			spent: number;
		}
	>();

	constructor(
		private readonly work: (key: string) => Promise<void>,
		private readonly intervalMs = 250
	) {}

	poke(key: string): void {
		let s = this.slots.get(key);
		if (!s)
			this.slots.set(
				key,
				(s = { timer: null, running: false, dirty: false, last: -Infinity, spent: 0 })
			);
		s.dirty = true;
		if (!s.timer && !s.running) this.schedule(key);
	}

	private schedule(key: string): void {
		const s = this.slots.get(key)!;
		const wait = Math.max(0, s.last + Math.max(this.intervalMs, 1.5 * s.spent) - Date.now());
		s.timer = setTimeout(() => void this.run(key), wait);
	}

	private async run(key: string): Promise<void> {
		const s = this.slots.get(key)!;
		s.timer = null;
		s.dirty = false;
		s.running = true;
		s.last = Date.now();
		try {
			await this.work(key);
		} catch (e) {
			console.error(`[live] ${key} failed`, redactError(e));
		} finally {
			s.running = false;
			s.spent = Date.now() - s.last;
			// The slot stays (one per assembly) so the next poke still waits out the interval.
			if (s.dirty) this.schedule(key);
		}
	}

	/** Cancels pending runs (tests, shutdown). */
	stop(): void {
		for (const s of this.slots.values()) if (s.timer) clearTimeout(s.timer);
		this.slots.clear();
	}
}
