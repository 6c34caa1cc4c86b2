import { eq } from 'drizzle-orm';
import { checkReadiness, noticeIsTimely, type ReadinessProblem } from '$lib/domain/assembly/rules';
import type { Db, Executor } from '../db/client';
import { assembly, assemblyItem, candidate } from '../db/schema';
import { appendAudit } from '../audit';
import type { Role } from '../auth/guard';
import {
	CANCELLABLE,
	estateRules,
	lockAssembly,
	type Assembly,
	type AssemblyState
} from './access';

export type TransitionError =
	| 'assembly.notFound'
	| 'assembly.state'
	| 'assembly.noticeTooShort'
	| 'review.commentEmpty'
	| 'cancel.reasonEmpty'
	| ReadinessProblem;
export type TransitionResult =
	{ ok: true; assembly: Assembly } | { ok: false; code: TransitionError };

interface Step {
	actorId: string;
	assemblyId: string;
	now?: Date;
}

/**
 * One audited step of the lifecycle in one transaction: lock the row, check the actor's role on the
 * estate and the state, run the step's own check, write the new state and the audit entry.
 */
function step(
	db: Db,
	a: Step,
	spec: {
		action: string;
		roles: Role[];
		from: readonly AssemblyState[];
		check?: (tx: Executor, asm: Assembly, now: Date) => Promise<TransitionError | null>;
		set: (
			asm: Assembly,
			now: Date
		) => Partial<typeof assembly.$inferInsert> & { state: AssemblyState };
	}
): Promise<TransitionResult> {
	const now = a.now ?? new Date();
	return db.transaction(async (tx) => {
		const asm = await lockAssembly(tx, a.assemblyId, a.actorId, spec.roles);
		if (!asm) return { ok: false, code: 'assembly.notFound' } as const;
		if (!spec.from.includes(asm.state)) return { ok: false, code: 'assembly.state' } as const;
		const bad = spec.check ? await spec.check(tx, asm, now) : null;
		if (bad) return { ok: false, code: bad } as const;
		const change = spec.set(asm, now);
		const [row] = await tx.update(assembly).set(change).where(eq(assembly.id, asm.id)).returning();
		await appendAudit(
			tx,
			{
				scope: asm.estateId,
				actorId: a.actorId,
				action: spec.action,
				subject: asm.id,
				before: { state: asm.state },
				after: change
			},
			now
		);
		return { ok: true, assembly: row } as const;
	});
}

async function timely(tx: Executor, asm: Assembly, now: Date) {
	const { noticeDays } = await estateRules(tx, asm.estateId);
	return noticeIsTimely(asm.opensAt, now, noticeDays) ? null : ('assembly.noticeTooShort' as const);
}

/** Staff file a complete assembly with oversight for review (报街道审核). */
export function fileAssembly(db: Db, a: Step): Promise<TransitionResult> {
	return step(db, a, {
		action: 'assembly.file',
		roles: ['staff'],
		from: ['draft', 'returned'],
		check: async (tx, asm, now) => {
			const items = await tx.select().from(assemblyItem).where(eq(assemblyItem.assemblyId, asm.id));
			const cands = await tx.select().from(candidate).where(eq(candidate.assemblyId, asm.id));
			return checkReadiness(items, cands) ?? (await timely(tx, asm, now));
		},
		set: () => ({ state: 'filed' })
	});
}

/**
 * Oversight approves a filed assembly: the notice is published now, which must be at least
 * `notice_days` (15) before voting opens.
 */
export function approveAssembly(db: Db, a: Step): Promise<TransitionResult> {
	return step(db, a, {
		action: 'assembly.approve',
		roles: ['oversight'],
		from: ['filed'],
		check: timely,
		set: (_asm, now) => ({ state: 'announced', announcedAt: now })
	});
}

/** Oversight sends a filed assembly back to staff with comments. */
export function returnAssembly(db: Db, a: Step & { comment: string }): Promise<TransitionResult> {
	const comment = a.comment.trim();
	return step(db, a, {
		action: 'assembly.return',
		roles: ['oversight'],
		from: ['filed'],
		check: async () => (comment ? null : 'review.commentEmpty'),
		set: () => ({ state: 'returned', reviewComment: comment })
	});
}

/** Staff cancel an assembly before voting closes, with a reason that owners see. */
export function cancelAssembly(db: Db, a: Step & { reason: string }): Promise<TransitionResult> {
	const reason = a.reason.trim();
	return step(db, a, {
		action: 'assembly.cancel',
		roles: ['staff'],
		from: CANCELLABLE,
		check: async () => (reason ? null : 'cancel.reasonEmpty'),
		set: () => ({ state: 'cancelled', cancelReason: reason })
	});
}
