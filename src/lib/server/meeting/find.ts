import { and, asc, eq, ilike, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assemblyVoter, building, meetingCheckin, owner, paperBallot, unit } from '../db/schema';
import { readBallotCode } from '../paper/codes';
import { personalDataHasher } from '../secrets';

/** The owner named by a scanned paper ballot QR code (GYB:…), or null. */
export async function ownerByCode(
	db: Db,
	assemblyId: string,
	text: string
): Promise<string | null> {
	const code = readBallotCode(text);
	if (!code) return null;
	const hash = (await personalDataHasher(db))('paper-ballot\n' + code);
	const [row] = await db
		.select({ ownerId: paperBallot.ownerId })
		.from(paperBallot)
		.where(and(eq(paperBallot.assemblyId, assemblyId), eq(paperBallot.codeHash, hash)));
	return row?.ownerId ?? null;
}

/** Voters whose unit label matches the search ("1栋 1001" or "1001"), for check-in at the door. */
export async function searchVoters(db: Db, assemblyId: string, q: string) {
	const term = q.trim().split(/\s+/).pop() ?? '';
	if (!term || term.length > 40) return [];
	const rows = await db
		.select({ ownerId: owner.id, name: owner.name, label: unit.label, building: building.name })
		.from(unit)
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.innerJoin(building, eq(building.id, unit.buildingId))
		.innerJoin(
			assemblyVoter,
			and(eq(assemblyVoter.ownerId, owner.id), eq(assemblyVoter.assemblyId, assemblyId))
		)
		.where(ilike(unit.label, `%${term.replace(/[%_\\]/g, '')}%`))
		.orderBy(asc(building.name), asc(unit.label))
		.limit(20);
	const present = rows.length
		? await db
				.select({ id: meetingCheckin.ownerId })
				.from(meetingCheckin)
				.where(
					and(
						eq(meetingCheckin.assemblyId, assemblyId),
						inArray(
							meetingCheckin.ownerId,
							rows.map((r) => r.ownerId)
						)
					)
				)
		: [];
	const here = new Set(present.map((p) => p.id));
	return rows.map((r) => ({
		...r,
		unit: `${r.building} ${r.label}`,
		present: here.has(r.ownerId)
	}));
}
