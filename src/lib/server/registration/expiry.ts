import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { registrationRequest } from '../db/schema';
import { appendAudit } from '../audit';
import { removeUpload } from './uploads';

/** A request staff have not decided within this time expires and its photo is deleted. */
export const PENDING_REQUEST_TTL_MS = 30 * 24 * 60 * 60_000;

/**
 * Closes every pending request older than the time limit: state `expired`, the certificate
 * photo removed from disk, one audit entry each. Returns how many expired.
 */
export async function expirePendingRequests(db: Db, now = new Date()): Promise<number> {
	const cutoff = new Date(now.getTime() - PENDING_REQUEST_TTL_MS);
	const due = await db
		.select({
			id: registrationRequest.id,
			estateId: registrationRequest.estateId,
			accountId: registrationRequest.accountId,
			file: registrationRequest.certificateFile
		})
		.from(registrationRequest)
		.where(
			and(eq(registrationRequest.state, 'pending'), lt(registrationRequest.createdAt, cutoff))
		);
	let n = 0;
	for (const req of due) {
		const done = await db.transaction(async (tx) => {
			const [hit] = await tx
				.update(registrationRequest)
				.set({ state: 'expired', certificateFile: null, certificateType: null, reviewedAt: now })
				.where(and(eq(registrationRequest.id, req.id), eq(registrationRequest.state, 'pending')))
				.returning({ id: registrationRequest.id });
			// Staff decided it meanwhile: the photo stays with the decided request.
			if (!hit) return false;
			await appendAudit(
				tx,
				{
					scope: req.estateId,
					actorId: null,
					action: 'registration.expired',
					subject: req.id,
					after: { accountId: req.accountId, ttlDays: PENDING_REQUEST_TTL_MS / 86_400_000 }
				},
				now
			);
			return true;
		});
		if (!done) continue;
		n++;
		// After the commit: a failed transaction must not lose the photo of a live request.
		if (req.file) await removeUpload(req.file);
	}
	return n;
}
