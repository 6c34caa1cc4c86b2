import { and, asc, eq, ilike } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { place, unit } from '../db/schema';
import { isThrottled, recordFailure, type Limit } from '../auth/throttle';
import { estateBuildings } from '../places';
import { estateUploadBytes } from './uploads';
import {
	checkClaim,
	inTransaction,
	requestReview,
	startSession,
	withUpload,
	type Claim,
	type RegisterResult
} from './register';

/** Estates whose name contains `q`, for the self-registration search (public: names only). */
export function searchEstates(db: Executor, q: string) {
	const term = q.trim().replace(/[%_\\]/g, '');
	if (!term) return Promise.resolve([]);
	return db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(and(eq(place.kind, 'estate'), ilike(place.name, `%${term}%`)))
		.orderBy(asc(place.name))
		.limit(20);
}

/** The estate and its buildings; null when the id is not an estate. */
export async function estateForRegistration(db: Executor, estateId: string) {
	const [e] = await db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(and(eq(place.id, estateId), eq(place.kind, 'estate')));
	if (!e) return null;
	return { ...e, buildings: await estateBuildings(db, estateId) };
}

/** Every submission counts: self-registration creates accounts, so it is limited per IP. */
export const selfLimits = (ip: string): Limit[] => [
	{ key: `regself:ip:${ip}`, max: 10, windowMs: 60 * 60_000 }
];

const DAY = 24 * 60 * 60_000;
/** Self-registrations per estate and per day, whatever the addresses (letters are not limited). */
export const estateDayLimit = (estateId: string): Limit => ({
	key: `regself:estate:${estateId}`,
	max: 100,
	windowMs: DAY
});
/** Self-registrations of the whole platform per day. */
export const platformDayLimit: Limit = { key: 'regself:day', max: 2000, windowMs: DAY };
/** The certificate photos an estate may hold in all (8 MB each at most). */
export const MAX_ESTATE_PHOTO_BYTES = 1024 * 2 ** 20;

/**
 * Self-registration without a letter: the unit is named by building and label, a certificate
 * photo is required, and the account waits for staff review. Names are never compared here, so
 * the answer does not reveal who owns which unit.
 */
export async function registerSelf(
	db: Db,
	input: Claim & { estateId: string; buildingId: string; unitLabel: string },
	ip: string,
	now = new Date()
): Promise<
	| RegisterResult
	| {
			ok: false;
			code: 'registration.unitUnknown' | 'registration.dailyCap' | 'registration.storageFull';
	  }
> {
	const limits = selfLimits(ip);
	if (await isThrottled(db, limits, now)) return { ok: false, code: 'registration.throttled' };
	const bad = checkClaim(input) ?? (input.certificate?.length ? null : 'upload.missing');
	if (bad) return { ok: false, code: bad };
	const day = [estateDayLimit(input.estateId), platformDayLimit];
	if (await isThrottled(db, day, now)) return { ok: false, code: 'registration.dailyCap' };
	if (
		(await estateUploadBytes(input.estateId)) + input.certificate!.length >
		MAX_ESTATE_PHOTO_BYTES
	)
		return { ok: false, code: 'registration.storageFull' };
	await recordFailure(db, [...limits, ...day], now);
	const label = input.unitLabel.normalize('NFKC').trim();
	const r = await inTransaction(db, async (tx) => {
		const [u] = await tx
			.select({ id: unit.id })
			.from(unit)
			.where(
				and(
					eq(unit.estateId, input.estateId),
					eq(unit.buildingId, input.buildingId),
					eq(unit.label, label)
				)
			);
		if (!u) return { ok: false, code: 'registration.unitUnknown' } as const;
		return withUpload(input.estateId, input.certificate, (file) =>
			requestReview(tx, input, input.estateId, null, file!, u.id)
		);
	});
	if (!r.ok) return r;
	return {
		ok: true,
		verified: false,
		accountId: r.accountId,
		...(await startSession(db, r.accountId))
	};
}
