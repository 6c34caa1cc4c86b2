import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { asc, eq, inArray } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import type { Roll } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { building, estateSetting, owner, unit } from '../db/schema';
import { loadSecret } from '../secrets';

export interface FrozenRoll {
	roll: Roll;
	voters: { ownerId: string; pseudonym: string; areaHundredths: bigint }[];
}

/**
 * The roll as the law weighs it at the moment voting opens: units of the counted kinds, each with
 * its voting owner. Owners appear under a per-assembly pseudonym (an HMAC), so the public record
 * carries no personal data and ids cannot be linked across assemblies.
 */
export async function freezeRoll(
	db: Executor,
	estateId: string,
	assemblyId: string
): Promise<FrozenRoll> {
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
	const key = await loadSecret(db, 'pseudonym-hmac', 'GONGYI_PSEUDONYM_SECRET');
	const pseudonymOf = (ownerId: string) =>
		'o-' +
		bytesToHex(hmac(sha256, key, new TextEncoder().encode(`${assemblyId}\n${ownerId}`))).slice(
			0,
			24
		);
	const pseudo = new Map(owners.map((o) => [o.id, pseudonymOf(o.id)]));
	const area = new Map<string, bigint>();
	for (const u of included) area.set(u.ownerId, (area.get(u.ownerId) ?? 0n) + u.area);
	const roll: Roll = {
		owners: owners
			.map((o) => ({ id: pseudo.get(o.id)!, kind: o.kind }))
			.sort((a, b) => (a.id < b.id ? -1 : 1)),
		units: included.map((u) => ({
			id: u.id,
			label: `${u.building} ${u.label}`,
			area: formatArea(u.area),
			owner: pseudo.get(u.ownerId)!
		}))
	};
	const voters = owners.map((o) => ({
		ownerId: o.id,
		pseudonym: pseudo.get(o.id)!,
		areaHundredths: area.get(o.id)!
	}));
	return { roll, voters };
}
