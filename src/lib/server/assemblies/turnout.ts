import { and, eq, inArray, sql } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { byBuildingAndUnit, naturalCompare } from '../../domain/units/natural';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import {
	assembly,
	assemblyVoter,
	building,
	estateSetting,
	ledgerEntry,
	owner,
	unit
} from '../db/schema';

/** States in which the assembly has a voting roll, so staff can follow up on turnout. */
export const TURNOUT_STATES = ['open', 'closed', 'counted', 'published'] as const;

export interface BuildingTurnout {
	building: string;
	units: number;
	unitsVoted: number;
	owners: number;
	ownersVoted: number;
	area: string;
	areaVoted: string;
}

export interface NotVoted {
	name: string;
	phone: string;
	/** "1栋 101", in natural order; the first one sorts the list. */
	units: string[];
	building: string;
}

export interface TurnoutReport {
	byBuilding: BuildingTurnout[];
	total: { owners: number; ownersVoted: number };
	notVoted: NotVoted[];
}

/**
 * Who took part, by building, and the owners who have not voted yet (催票), from the voting roll
 * frozen at open. An owner has taken part once any ballot of theirs is in the ledger (online, paper
 * or proxy); only the existence of a ballot is read, never its choices. Null before voting opened.
 */
export async function turnoutReport(
	db: Executor,
	assemblyId: string
): Promise<TurnoutReport | null> {
	const [a] = await db
		.select({ estateId: assembly.estateId, state: assembly.state })
		.from(assembly)
		.where(eq(assembly.id, assemblyId));
	if (!a || !(TURNOUT_STATES as readonly string[]).includes(a.state)) return null;
	const voted = sql<boolean>`exists (select 1 from ${ledgerEntry} where ${ledgerEntry.assemblyId} = ${assemblyId}
		and ${ledgerEntry.type} = 'ballot' and ${ledgerEntry.owner} = ${assemblyVoter.pseudonym})`;
	const voters = await db
		.select({
			ownerId: assemblyVoter.ownerId,
			voted,
			name: owner.name,
			phone: owner.phone
		})
		.from(assemblyVoter)
		.innerJoin(owner, eq(owner.id, assemblyVoter.ownerId))
		.where(eq(assemblyVoter.assemblyId, assemblyId));
	const [setting] = await db
		.select({ kinds: estateSetting.countedKinds })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, a.estateId));
	const kinds = setting?.kinds as string[] | null | undefined;
	const ids = voters.map((v) => v.ownerId);
	const units = ids.length
		? await db
				.select({
					ownerId: unit.ownerId,
					building: building.name,
					label: unit.label,
					kind: unit.kind,
					area: unit.areaHundredths
				})
				.from(unit)
				.innerJoin(building, eq(building.id, unit.buildingId))
				.where(and(eq(unit.estateId, a.estateId), inArray(unit.ownerId, ids)))
		: [];
	const counted = units.filter((u) => !kinds || kinds.includes(u.kind)).sort(byBuildingAndUnit);
	const hasVoted = new Map(voters.map((v) => [v.ownerId, Boolean(v.voted)]));

	const buildings = new Map<
		string,
		{
			units: number;
			unitsVoted: number;
			owners: Set<string>;
			voted: Set<string>;
			area: bigint;
			areaVoted: bigint;
		}
	>();
	for (const u of counted) {
		let b = buildings.get(u.building);
		if (!b)
			buildings.set(
				u.building,
				(b = {
					units: 0,
					unitsVoted: 0,
					owners: new Set(),
					voted: new Set(),
					area: 0n,
					areaVoted: 0n
				})
			);
		const v = hasVoted.get(u.ownerId) ?? false;
		b.units++;
		b.area += u.area;
		b.owners.add(u.ownerId);
		if (v) {
			b.unitsVoted++;
			b.areaVoted += u.area;
			b.voted.add(u.ownerId);
		}
	}
	const byBuilding = [...buildings.entries()]
		.sort(([x], [y]) => naturalCompare(x, y))
		.map(([name, b]) => ({
			building: name,
			units: b.units,
			unitsVoted: b.unitsVoted,
			owners: b.owners.size,
			ownersVoted: b.voted.size,
			area: formatArea(b.area),
			areaVoted: formatArea(b.areaVoted)
		}));

	const unitsOf = new Map<string, typeof counted>();
	for (const u of counted) unitsOf.set(u.ownerId, [...(unitsOf.get(u.ownerId) ?? []), u]);
	const notVoted = voters
		.filter((v) => !v.voted)
		.map((v) => ({ v, us: unitsOf.get(v.ownerId) ?? [] }))
		.sort((x, y) => {
			const [a0, b0] = [x.us[0], y.us[0]];
			if (!a0 || !b0) return a0 ? -1 : b0 ? 1 : naturalCompare(x.v.name, y.v.name);
			return byBuildingAndUnit(a0, b0);
		})
		.map(({ v, us }) => ({
			name: v.name,
			phone: v.phone ?? '',
			units: us.map((u) => `${u.building} ${u.label}`),
			building: us[0]?.building ?? ''
		}));
	return {
		byBuilding,
		total: { owners: voters.length, ownersVoted: voters.filter((v) => v.voted).length },
		notVoted
	};
}

/**
 * Audits an export of the not-voted list: names and phone numbers leave the system, so who took
 * them, for which assembly and how many owners is kept (never the names themselves).
 */
export async function auditNotVotedExport(
	db: Db,
	e: { estateId: string; assemblyId: string; actorId: string; count: number },
	now = new Date()
): Promise<void> {
	await db.transaction((tx) =>
		appendAudit(
			tx,
			{
				scope: e.estateId,
				actorId: e.actorId,
				action: 'turnout.exportNotVoted',
				subject: e.assemblyId,
				after: { count: e.count, format: 'csv' }
			},
			now
		)
	);
}
