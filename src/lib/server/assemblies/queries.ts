import { and, asc, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { byBuildingAndUnit } from '../../domain/units/natural';
import { assembly, building, candidate, owner, place, unit, unitCoOwner } from '../db/schema';
import type { CurrentUser } from '../auth/guard';
import { estateRules, type Assembly } from './access';
import { documentsOf } from './documents';
import { itemsOf } from './items';

const summary = {
	id: assembly.id,
	estateId: assembly.estateId,
	title: assembly.title,
	form: assembly.form,
	state: assembly.state,
	opensAt: assembly.opensAt,
	closesAt: assembly.closesAt,
	announcedAt: assembly.announcedAt
};

/** Every assembly of an estate, newest voting window first (staff). */
export function listForEstate(db: Executor, estateId: string) {
	return db
		.select(summary)
		.from(assembly)
		.where(eq(assembly.estateId, estateId))
		.orderBy(desc(assembly.opensAt));
}

/** What owners see: assemblies whose notice was published (announced or later, or cancelled after). */
export function listForOwners(db: Executor, estateId: string) {
	return db
		.select(summary)
		.from(assembly)
		.where(and(eq(assembly.estateId, estateId), isNotNull(assembly.announcedAt)))
		.orderBy(desc(assembly.opensAt));
}

/** Every assembly of the estates under a street or community, with candidates still to vet. */
export function listForOversight(db: Executor, path: string) {
	const pending = sql<number>`(select count(*)::int from ${candidate} where ${candidate.assemblyId} = ${assembly.id} and ${candidate.vetting} = 'pending')`;
	return db
		.select({ ...summary, estateName: place.name, pendingCandidates: pending })
		.from(assembly)
		.innerJoin(place, eq(place.id, assembly.estateId))
		.where(like(place.path, `${path}%`))
		.orderBy(desc(assembly.opensAt));
}

/** Estate with its street and community names (from the materialised path). */
async function estateOf(db: Executor, estateId: string) {
	const [e] = await db.select().from(place).where(eq(place.id, estateId));
	const [, , streetId, communityId] = e.path.split('/');
	const names = await db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(sql`${place.id} in (${streetId ?? ''}, ${communityId ?? ''})`);
	const name = (id?: string) => names.find((n) => n.id === id)?.name ?? '';
	return {
		id: e.id,
		name: e.name,
		path: e.path,
		street: name(streetId),
		community: name(communityId)
	};
}

/** An assembly with estate, items (each with its candidates), documents and the notice period. */
export async function assemblyDetail(db: Executor, assemblyId: string) {
	const [asm] = await db.select().from(assembly).where(eq(assembly.id, assemblyId));
	if (!asm) return null;
	const cands = await db
		.select({
			c: candidate,
			unitLabel: sql<
				string | null
			>`case when ${unit.id} is null then null else ${building.name} || ' ' || ${unit.label} end`
		})
		.from(candidate)
		.leftJoin(unit, eq(unit.id, candidate.unitId))
		.leftJoin(building, eq(building.id, unit.buildingId))
		.where(eq(candidate.assemblyId, assemblyId))
		.orderBy(asc(sql`length(${candidate.key})`), asc(candidate.key));
	const items = (await itemsOf(db, assemblyId)).map((i) => ({
		...i,
		candidates: cands
			.filter((c) => c.c.itemKey === i.key)
			.map((c) => ({ ...c.c, unitLabel: c.unitLabel }))
	}));
	const documents = (await documentsOf(db, assemblyId)).map(({ path: _p, ...d }) => d);
	const { noticeDays } = await estateRules(db, asm.estateId);
	return {
		assembly: asm,
		estate: await estateOf(db, asm.estateId),
		items,
		documents,
		noticeDays,
		party: { members: cands.filter((c) => c.c.partyMember).length, total: cands.length }
	};
}
export type AssemblyDetail = NonNullable<Awaited<ReturnType<typeof assemblyDetail>>>;

/**
 * Units of the roll for the candidate form, "1栋 101" in natural order (1栋 101 before 1栋 1001),
 * each with the names of its owners on the roll (the voting owner and co-owners), so the form can
 * warn when a candidate is not an owner of the unit chosen.
 */
export async function unitChoices(db: Executor, estateId: string) {
	const [rows, co] = await Promise.all([
		db
			.select({ id: unit.id, building: building.name, label: unit.label, owner: owner.name })
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.innerJoin(owner, eq(owner.id, unit.ownerId))
			.where(eq(unit.estateId, estateId)),
		db
			.select({ unitId: unitCoOwner.unitId, name: owner.name })
			.from(unitCoOwner)
			.innerJoin(unit, eq(unit.id, unitCoOwner.unitId))
			.innerJoin(owner, eq(owner.id, unitCoOwner.ownerId))
			.where(eq(unit.estateId, estateId))
	]);
	const coOwners = new Map<string, string[]>();
	for (const c of co) coOwners.set(c.unitId, [...(coOwners.get(c.unitId) ?? []), c.name]);
	return rows.sort(byBuildingAndUnit).map((r) => ({
		id: r.id,
		label: `${r.building} ${r.label}`,
		owners: [r.owner, ...(coOwners.get(r.id) ?? [])]
	}));
}
export type UnitChoice = Awaited<ReturnType<typeof unitChoices>>[number];

/** The names of a unit's owners on the roll (voting owner first), or null for an unknown unit. */
export async function unitOwnerNames(db: Executor, unitId: string): Promise<string[] | null> {
	const [u] = await db
		.select({ owner: owner.name })
		.from(unit)
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.where(eq(unit.id, unitId));
	if (!u) return null;
	const co = await db
		.select({ name: owner.name })
		.from(unitCoOwner)
		.innerJoin(owner, eq(owner.id, unitCoOwner.ownerId))
		.where(eq(unitCoOwner.unitId, unitId));
	return [u.owner, ...co.map((c) => c.name)];
}

/**
 * Who may read an assembly's notice and documents: staff and oversight of its estate at any time,
 * owners of the estate once the notice was published.
 */
export function mayRead(
	user: CurrentUser,
	asm: Pick<Assembly, 'announcedAt'>,
	estatePath: string
): boolean {
	return user.grants.some(
		(g) =>
			estatePath.startsWith(g.placePath) &&
			(g.role === 'admin' ||
				g.role === 'staff' ||
				g.role === 'oversight' ||
				(g.role === 'owner' && asm.announcedAt !== null))
	);
}

/** An owner's view of an assembly: only of their own estate, only once announced, no vetting notes. */
export async function ownerView(db: Executor, ownerId: string, assemblyId: string) {
	const [o] = await db
		.select({ estateId: owner.estateId })
		.from(owner)
		.where(eq(owner.id, ownerId));
	const d = await assemblyDetail(db, assemblyId);
	if (!o || !d || d.assembly.estateId !== o.estateId || !d.assembly.announcedAt) return null;
	const {
		reviewComment: _r,
		rollJson: _j,
		resultJson: _res,
		createdBy: _c,
		...assemblyPublic
	} = d.assembly;
	return {
		assembly: assemblyPublic,
		estate: { id: d.estate.id, name: d.estate.name },
		documents: d.documents,
		items: d.items.map((i) => ({
			...i,
			candidates: i.candidates.map(({ key, name, unitLabel, profile, partyMember }) => ({
				key,
				name,
				unitLabel,
				profile,
				partyMember
			}))
		}))
	};
}
