import type { Db } from './db/client';
import { sweepPendingUploads } from './roll/pending-upload';

const EVERY_MS = 10 * 60_000;

/** Periodic clean-up: expired pending roll uploads are deleted even when nobody uploads again. */
export function startHousekeeping(db: Db): void {
	void db;
	const run = () =>
		void sweepPendingUploads().catch(() => console.error('[housekeeping] sweep failed'));
	run();
	setInterval(run, EVERY_MS).unref();
}
