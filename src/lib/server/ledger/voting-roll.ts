import { asc, eq, inArray } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { commitLabel } from '../../domain/record/openings';
import type { Roll } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { building, estateSetting, owner, unit } from '../db/schema';
import { randomHex } from '../ids';

export interface VotingRoll {
	roll: Roll;
	voters: { ownerId: string; pseudonym: string; areaHundredths: bigint }[];
	/** What opens each unit's label commitment; kept by the server, never in the public record. */
	openings: { recordId: string; unitId: string; label: string; salt: string }[];
}

/**
 * Not to be confused with freezeRoll (publication/freeze.ts), which freezes the published roll:
 * this takes the assembly's copy of the stored roll when voting opens.
 *
 * The roll as the law weighs it at the moment voting opens: units of the counted kinds, each with
 * its voting owner. For the public record, owner and unit ids are drawn at random for this assembly
 * (records of two assemblies cannot be joined) and each label is a salted commitment
 * H({label, salt}), so nobody reads from the record how a given flat voted.
 */
export async function votingRollSnapshot(db: Executor, estateId: string): Promise<VotingRoll> {
	const [setting] = await db
		.select()
		.from(estateSetting)
		.where(eq(estateSetting.estateId, estateId));
	const kinds = (setting?.countedKinds ?? [
		'residence',
		'shop',
		'parking',
		'other'
	]) as (typeof unit.$inferSelect)['kind'][];
	const units = await db
		.select({
			id: unit.id,
			label: unit.label,
			kind: unit.kind,
			building: building.name,
			area: unit.areaHundredths,
			ownerId: unit.ownerId
		})
		.from(unit)
		.innerJoin(building, eq(building.id, unit.buildingId))
		.where(eq(unit.estateId, estateId))
		.orderBy(asc(building.name), asc(unit.label));
	const included = units.filter((u) => kinds.includes(u.kind));
	const ownerIds = [...new Set(included.map((u) => u.ownerId))];
	const owners = ownerIds.length
		? await db
				.select({ id: owner.id, kind: owner.kind })
				.from(owner)
				.where(inArray(owner.id, ownerIds))
		: [];
	const pseudo = new Map(owners.map((o) => [o.id, `o-${randomHex(12)}`]));
	const area = new Map<string, bigint>();
	for (const u of included) area.set(u.ownerId, (area.get(u.ownerId) ?? 0n) + u.area);
	const openings = included.map((u) => ({
		recordId: `u-${randomHex(12)}`,
		unitId: u.id,
		label: `${u.building} ${u.label}`,
		salt: randomHex(16)
	}));
	const roll: Roll = {
		owners: owners
			.map((o) => ({ id: pseudo.get(o.id)!, kind: o.kind }))
			.sort((a, b) => (a.id < b.id ? -1 : 1)),
		// Sorted by the random id, so the order does not give the building and floor away either.
		units: included
			.map((u, i) => ({
				id: openings[i].recordId,
				label: commitLabel(openings[i].label, openings[i].salt),
				area: formatArea(u.area),
				owner: pseudo.get(u.ownerId)!
			}))
			.sort((a, b) => (a.id < b.id ? -1 : 1))
	};
	const voters = owners.map((o) => ({
		ownerId: o.id,
		pseudonym: pseudo.get(o.id)!,
		areaHundredths: area.get(o.id)!
	}));
	return { roll, voters, openings };
}
