import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { building, paperBallot, paperEntry, unit } from '../db/schema';

export interface PaperStatus {
	issued: number;
	entered: number;
	/** Read once, waiting for a second person. */
	awaitingSecond: number;
	/** The mismatch queue: ballots whose two readings differ, for a third person with the paper. */
	mismatches: {
		id: string;
		units: string;
		readings: { round: number; choices: Record<string, unknown> }[];
	}[];
}

/** Counts for the paper ballot page and the mismatch queue (no names: units identify the paper). */
export async function paperStatus(db: Executor, assemblyId: string): Promise<PaperStatus> {
	const rows = await db
		.select({
			id: paperBallot.id,
			ownerId: paperBallot.ownerId,
			state: paperBallot.state,
			readings: sql<number>`(select count(*)::int from paper_entry pe where pe.paper_ballot_id = paper_ballot.id)`
		})
		.from(paperBallot)
		.where(
			and(eq(paperBallot.assemblyId, assemblyId), inArray(paperBallot.state, ['issued', 'entered']))
		);
	const open = rows.filter((r) => r.state === 'issued');
	const queued = open.filter((r) => r.readings === 2);
	const mismatches: PaperStatus['mismatches'] = [];
	if (queued.length) {
		const readings = await db
			.select()
			.from(paperEntry)
			.where(
				inArray(
					paperEntry.paperBallotId,
					queued.map((q) => q.id)
				)
			)
			.orderBy(asc(paperEntry.round));
		const units = await db
			.select({ ownerId: unit.ownerId, label: unit.label, building: building.name })
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.where(
				inArray(
					unit.ownerId,
					queued.map((q) => q.ownerId)
				)
			)
			.orderBy(asc(building.name), asc(unit.label));
		for (const q of queued)
			mismatches.push({
				id: q.id,
				units: units
					.filter((u) => u.ownerId === q.ownerId)
					.map((u) => `${u.building} ${u.label}`)
					.join('、'),
				readings: readings
					.filter((r) => r.paperBallotId === q.id)
					.map((r) => ({ round: r.round, choices: JSON.parse(r.choices) }))
			});
	}
	return {
		issued: rows.length,
		entered: rows.length - open.length,
		awaitingSecond: open.filter((r) => r.readings === 1).length,
		mismatches
	};
}
