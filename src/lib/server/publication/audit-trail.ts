import { desc, eq, sql } from 'drizzle-orm';
import { verifyAuditChain } from '../audit';
import type { Executor } from '../db/client';
import { account, auditLog } from '../db/schema';

/** One page of an estate's audit trail, newest first, with actor names and the chain check. */
export async function auditTrail(db: Executor, scope: string, page: number, pageSize = 50) {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditLog)
		.where(eq(auditLog.scope, scope));
	const events = await db
		.select({
			seq: auditLog.seq,
			at: auditLog.at,
			action: auditLog.action,
			subject: auditLog.subject,
			actor: account.displayName
		})
		.from(auditLog)
		.leftJoin(account, eq(account.id, auditLog.actorId))
		.where(eq(auditLog.scope, scope))
		.orderBy(desc(auditLog.seq))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return {
		total: n,
		pages: Math.max(1, Math.ceil(n / pageSize)),
		events,
		check: await verifyAuditChain(db, scope)
	};
}
