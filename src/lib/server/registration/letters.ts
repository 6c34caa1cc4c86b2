import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { formatArea } from '$lib/domain/area';
import type { Db } from '../db/client';
import { building, owner, place, registrationCode, unit } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { renderRegistrationLetters, type RegistrationLetter } from '../pdf';
import { personalDataHasher } from '../secrets';
import { CODE_DAYS, generateCode, revokeOpenCodes } from './codes';

export type IssueLettersResult =
	| { ok: true; pdf: Uint8Array; count: number }
	| { ok: false; code: 'letters.none' | 'letters.building' };

async function placeNames(db: Db, estateId: string) {
	const [estate] = await db.select().from(place).where(eq(place.id, estateId));
	const [community] = estate.parentId
		? await db.select().from(place).where(eq(place.id, estate.parentId))
		: [];
	const [street] = community?.parentId
		? await db.select().from(place).where(eq(place.id, community.parentId))
		: [];
	return { estate: estate.name, community: community?.name ?? '', street: street?.name ?? '' };
}

/**
 * Issues one letter per owner of the estate (or of one building): a fresh code for each, earlier
 * unused codes revoked. The PDF is rendered inside the transaction so a failed render issues
 * nothing. The developer gets no letter: it is represented by staff, not by a registration.
 */
export async function issueLetters(
	db: Db,
	actorId: string,
	estateId: string,
	opts: { buildingId?: string | null; origin: string; now?: Date }
): Promise<IssueLettersResult> {
	const now = opts.now ?? new Date();
	const expiresAt = new Date(now.getTime() + CODE_DAYS * 86_400_000);
	const names = await placeNames(db, estateId);
	return db.transaction(async (tx) => {
		if (opts.buildingId) {
			const [b] = await tx
				.select()
				.from(building)
				.where(and(eq(building.id, opts.buildingId), eq(building.estateId, estateId)));
			if (!b) return { ok: false, code: 'letters.building' } as const;
		}
		const inScope = tx
			.selectDistinct({ id: unit.ownerId })
			.from(unit)
			.where(
				opts.buildingId
					? and(eq(unit.estateId, estateId), eq(unit.buildingId, opts.buildingId))
					: eq(unit.estateId, estateId)
			);
		const rows = await tx
			.select({
				ownerId: owner.id,
				ownerName: owner.name,
				building: building.name,
				label: unit.label,
				area: unit.areaHundredths
			})
			.from(unit)
			.innerJoin(owner, eq(owner.id, unit.ownerId))
			.innerJoin(building, eq(building.id, unit.buildingId))
			.where(
				and(
					eq(unit.estateId, estateId),
					inArray(unit.ownerId, inScope),
					ne(owner.kind, 'developer')
				)
			)
			.orderBy(asc(building.name), asc(unit.label));
		if (!rows.length) return { ok: false, code: 'letters.none' } as const;
		const byOwner = new Map<string, { name: string; units: RegistrationLetter['units'] }>();
		for (const r of rows) {
			const o = byOwner.get(r.ownerId) ?? { name: r.ownerName, units: [] };
			o.units.push({ building: r.building, label: r.label, area: formatArea(r.area) });
			byOwner.set(r.ownerId, o);
		}
		const hash = await personalDataHasher(tx);
		const letters: RegistrationLetter[] = [];
		for (const [ownerId, o] of byOwner) {
			await revokeOpenCodes(tx, ownerId, now);
			const code = generateCode();
			await tx.insert(registrationCode).values({
				id: newId('rc'),
				estateId,
				ownerId,
				codeHash: hash(code),
				expiresAt,
				createdBy: actorId
			});
			letters.push({
				estateName: names.estate,
				street: names.street,
				community: names.community,
				ownerName: o.name,
				units: o.units,
				code,
				expiresAt: expiresAt.toISOString(),
				url: `${opts.origin}/register?code=${code}`
			});
		}
		const pdf = await renderRegistrationLetters(letters, {
			issuer: `${names.estate}业主大会筹备组`
		});
		// The count and scope only: codes never enter the audit trail.
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'registration.letters',
			subject: opts.buildingId ?? estateId,
			after: { count: letters.length, buildingId: opts.buildingId ?? null, expiresAt }
		});
		return { ok: true, pdf, count: letters.length } as const;
	});
}
