import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { appendAudit } from '../audit';
import { getAssembly } from '../ledger/parts';
import { paperRule } from '../db/schema';

const MINUTE = 60_000;

/** Minutes after the window's close during which paper received by the deadline may be entered. */
export async function lateMinutesOf(db: Executor, assemblyId: string): Promise<number> {
	const [row] = await db
		.select({ m: paperRule.lateMinutes })
		.from(paperRule)
		.where(eq(paperRule.assemblyId, assemblyId));
	return row?.m ?? 0;
}

export function paperDeadline(closesAt: Date, lateMinutes: number): Date {
	return new Date(closesAt.getTime() + lateMinutes * MINUTE);
}

export type SetLateResult =
	{ ok: true } | { ok: false; code: 'paper.notFound' | 'paper.state' | 'paper.lateRange' };

/** Part of the assembly's rules, so it is fixed before voting opens (and audited). */
export async function setLateMinutes(
	db: Db,
	actorId: string,
	assemblyId: string,
	minutes: number
): Promise<SetLateResult> {
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10080)
		return { ok: false, code: 'paper.lateRange' };
	return db.transaction(async (tx) => {
		const a = await getAssembly(tx, assemblyId);
		if (!a) return { ok: false, code: 'paper.notFound' } as const;
		if (!['draft', 'returned', 'filed', 'announced'].includes(a.state))
			return { ok: false, code: 'paper.state' } as const;
		const before = await lateMinutesOf(tx, assemblyId);
		await tx
			.insert(paperRule)
			.values({ assemblyId, lateMinutes: minutes })
			.onConflictDoUpdate({ target: paperRule.assemblyId, set: { lateMinutes: minutes } });
		await appendAudit(tx, {
			scope: a.estateId,
			actorId,
			action: 'paper.lateRule',
			subject: assemblyId,
			before: { minutes: before },
			after: { minutes }
		});
		return { ok: true } as const;
	});
}
