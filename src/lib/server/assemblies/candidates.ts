import { and, eq } from 'drizzle-orm';
import { nextKey } from '$lib/domain/assembly/rules';
import type { Db, Executor } from '../db/client';
import { assemblyItem, candidate, unit } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { editBlocker, lockAssembly, lockForEdit, type Assembly, type Locked } from './access';

export interface CandidateInput {
	name: string;
	/** A unit of the estate's roll (optional: the candidate may be a proxy or a co-owner). */
	unitId?: string | null;
	profile?: string;
	partyMember?: boolean;
}
export type CandidateError =
	'candidate.nameEmpty' | 'candidate.nameLong' | 'candidate.profileLong' | 'candidate.unit';
export type Candidate = typeof candidate.$inferSelect;

export async function validateCandidate(
	tx: Executor,
	estateId: string,
	c: CandidateInput
): Promise<CandidateError | null> {
	const name = c.name.trim();
	if (!name) return 'candidate.nameEmpty';
	if (name.length > 50) return 'candidate.nameLong';
	if ((c.profile ?? '').trim().length > 1000) return 'candidate.profileLong';
	if (c.unitId) {
		const [u] = await tx
			.select({ id: unit.id })
			.from(unit)
			.where(and(eq(unit.id, c.unitId), eq(unit.estateId, estateId)));
		if (!u) return 'candidate.unit';
	}
	return null;
}

/** Writes a validated candidate with the next key (c1, c2… unique in the assembly), pending vetting. */
export async function insertCandidate(
	tx: Executor,
	asm: Assembly,
	actorId: string,
	itemKey: string,
	c: CandidateInput,
	now: Date
): Promise<Candidate> {
	const used = await tx
		.select({ key: candidate.key })
		.from(candidate)
		.where(eq(candidate.assemblyId, asm.id));
	const key = nextKey(
		'c',
		used.map((u) => u.key)
	);
	const [row] = await tx
		.insert(candidate)
		.values({
			id: newId('cand'),
			assemblyId: asm.id,
			itemKey,
			key,
			name: c.name.trim(),
			unitId: c.unitId || null,
			profile: (c.profile ?? '').trim(),
			partyMember: c.partyMember ?? false
		})
		.returning();
	await appendAudit(
		tx,
		{
			scope: asm.estateId,
			actorId,
			action: 'assembly.candidate.nominate',
			subject: `${asm.id}/${key}`,
			after: {
				itemKey,
				name: row.name,
				unitId: row.unitId,
				profile: row.profile,
				partyMember: row.partyMember
			}
		},
		now
	);
	return row;
}

export type NominateResult =
	| { ok: true; candidate: Candidate }
	| { ok: false; code: CandidateError | Locked | 'item.notFound' | 'item.notElection' };

/** Staff nominate a candidate for an election; oversight vets them before filing. */
export function nominateCandidate(
	db: Db,
	a: { actorId: string; assemblyId: string; itemKey: string; candidate: CandidateInput; now?: Date }
): Promise<NominateResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const [item] = await tx
			.select()
			.from(assemblyItem)
			.where(and(eq(assemblyItem.assemblyId, a.assemblyId), eq(assemblyItem.key, a.itemKey)));
		if (!item) return { ok: false, code: 'item.notFound' } as const;
		if (item.type !== 'election') return { ok: false, code: 'item.notElection' } as const;
		const bad = await validateCandidate(tx, locked.assembly.estateId, a.candidate);
		if (bad) return { ok: false, code: bad } as const;
		const row = await insertCandidate(tx, locked.assembly, a.actorId, a.itemKey, a.candidate, now);
		return { ok: true, candidate: row } as const;
	});
}

const byKey = (assemblyId: string, key: string) =>
	and(eq(candidate.assemblyId, assemblyId), eq(candidate.key, key));

export type RemoveCandidateResult =
	{ ok: true } | { ok: false; code: Locked | 'candidate.notFound' };

/** Staff withdraw a candidate (e.g. one that oversight rejected). */
export function removeCandidate(
	db: Db,
	a: { actorId: string; assemblyId: string; key: string; now?: Date }
): Promise<RemoveCandidateResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const [row] = await tx.delete(candidate).where(byKey(a.assemblyId, a.key)).returning();
		if (!row) return { ok: false, code: 'candidate.notFound' } as const;
		const { assemblyId: _a, ...before } = row;
		await appendAudit(
			tx,
			{
				scope: locked.assembly.estateId,
				actorId: a.actorId,
				action: 'assembly.candidate.remove',
				subject: `${a.assemblyId}/${a.key}`,
				before
			},
			now
		);
		return { ok: true } as const;
	});
}

export type VetResult =
	| { ok: true; candidate: Candidate }
	| { ok: false; code: Locked | 'candidate.notFound' | 'candidate.reasonEmpty' };

/** Oversight vets a candidate (候选人联审): approve, or reject with a reason. */
export function vetCandidate(
	db: Db,
	a: {
		actorId: string;
		assemblyId: string;
		key: string;
		decision: 'approved' | 'rejected';
		reason?: string;
		now?: Date;
	}
): Promise<VetResult> {
	const now = a.now ?? new Date();
	const reason = (a.reason ?? '').trim();
	return db.transaction(async (tx) => {
		const asm = await lockAssembly(tx, a.assemblyId, a.actorId, ['oversight']);
		if (!asm) return { ok: false, code: 'assembly.notFound' } as const;
		const blocker = editBlocker(asm.state);
		if (blocker) return { ok: false, code: blocker } as const;
		if (a.decision === 'rejected' && !reason)
			return { ok: false, code: 'candidate.reasonEmpty' } as const;
		const [before] = await tx.select().from(candidate).where(byKey(a.assemblyId, a.key));
		if (!before) return { ok: false, code: 'candidate.notFound' } as const;
		const [row] = await tx
			.update(candidate)
			.set({
				vetting: a.decision,
				vettingReason: reason || null,
				vettedBy: a.actorId,
				vettedAt: now
			})
			.where(eq(candidate.id, before.id))
			.returning();
		await appendAudit(
			tx,
			{
				scope: asm.estateId,
				actorId: a.actorId,
				action: 'assembly.candidate.vet',
				subject: `${a.assemblyId}/${a.key}`,
				before: { vetting: before.vetting, reason: before.vettingReason },
				after: { vetting: a.decision, reason: reason || null }
			},
			now
		);
		return { ok: true, candidate: row } as const;
	});
}
