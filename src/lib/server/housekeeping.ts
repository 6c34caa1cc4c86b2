import type { Db } from './db/client';
import { expirePendingRequests } from './registration/expiry';
import { sweepPendingUploads } from './roll/pending-upload';

const EVERY_MS = 10 * 60_000;

/**
 * Periodic clean-up: expired pending roll uploads are deleted even when nobody uploads again,
 * and self-registration requests left undecided too long expire with their photos.
 */
export function startHousekeeping(db: Db): void {
	const run = () => {
		void sweepPendingUploads().catch(() => console.error('[housekeeping] sweep failed'));
		void expirePendingRequests(db).catch(() =>
			console.error('[housekeeping] registration expiry failed')
		);
	};
	run();
	setInterval(run, EVERY_MS).unref();
}
