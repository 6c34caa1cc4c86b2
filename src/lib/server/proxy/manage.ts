import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { proxyAuthorisation } from '../db/schema';
import { appendAudit } from '../audit';
import { getAssembly } from '../ledger/parts';

export type ManageCode = 'proxy.notFound' | 'proxy.state';
export type ManageResult = { ok: true } | { ok: false; code: ManageCode };

type Row = typeof proxyAuthorisation.$inferSelect;

/** A state change from one of `from` to `to`, conditional so two clicks cannot both win. */
async function move(
	db: Db,
	id: string,
	actorId: string,
	from: Row['state'][],
	to: Row['state'],
	check: (row: Row) => boolean,
	action: string
): Promise<ManageResult> {
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(proxyAuthorisation).where(eq(proxyAuthorisation.id, id));
		if (!row || !check(row)) return { ok: false, code: 'proxy.notFound' } as const;
		if (!from.includes(row.state)) return { ok: false, code: 'proxy.state' } as const;
		const a = await getAssembly(tx, row.assemblyId);
		const done = await tx
			.update(proxyAuthorisation)
			.set({
				state: to,
				...(to === 'revoked' ? {} : { reviewedBy: actorId, reviewedAt: new Date() })
			})
			.where(and(eq(proxyAuthorisation.id, id), eq(proxyAuthorisation.state, row.state)))
			.returning({ id: proxyAuthorisation.id });
		if (!done.length) return { ok: false, code: 'proxy.state' } as const;
		await appendAudit(tx, {
			scope: a!.estateId,
			actorId,
			action,
			subject: id,
			before: { state: row.state },
			after: { state: to }
		});
		return { ok: true } as const;
	});
}

/** Staff verify (or reject) the uploaded written authorisation against the roll. */
export function reviewProxy(
	db: Db,
	input: { id: string; assemblyId: string; staffId: string; approve: boolean }
): Promise<ManageResult> {
	return move(
		db,
		input.id,
		input.staffId,
		['pending'],
		input.approve ? 'verified' : 'rejected',
		(r) => r.assemblyId === input.assemblyId,
		input.approve ? 'proxy.verify' : 'proxy.reject'
	);
}

/** The owner takes the authorisation back, until the proxy has voted. */
export function revokeProxy(
	db: Db,
	input: { id: string; ownerId: string; actorId: string }
): Promise<ManageResult> {
	return move(
		db,
		input.id,
		input.actorId,
		['pending', 'verified'],
		'revoked',
		(r) => r.ownerId === input.ownerId,
		'proxy.revoke'
	);
}
