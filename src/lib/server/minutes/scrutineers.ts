import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { scrutineer } from '../db/schema';
import { newId } from '../ids';
import { getAssembly } from '../ledger/parts';

/** Until the result is published the scrutineers may change (a new minutes version follows). */
const NAMEABLE = ['draft', 'filed', 'returned', 'announced', 'open', 'closed', 'counted'];

export const ScrutineerInput = z.object({
	role: z.enum(['supervisor', 'counter']),
	name: z.string().trim().min(1).max(40)
});

export type ScrutineerResult =
	| { ok: true }
	| {
			ok: false;
			code:
				'assembly.notFound' | 'scrutineer.locked' | 'scrutineer.notFound' | 'scrutineer.duplicate';
	  };

export function listScrutineers(db: Executor, assemblyId: string) {
	return db
		.select({ id: scrutineer.id, role: scrutineer.role, name: scrutineer.name })
		.from(scrutineer)
		.where(eq(scrutineer.assemblyId, assemblyId))
		.orderBy(asc(scrutineer.role), asc(scrutineer.createdAt), asc(scrutineer.id));
}

/** Staff name a 监票人 or 计票人 for the assembly (audited). */
export async function nameScrutineer(
	db: Db,
	input: { actorId: string; assemblyId: string; role: 'supervisor' | 'counter'; name: string },
	now = new Date()
): Promise<ScrutineerResult> {
	return db.transaction(async (tx): Promise<ScrutineerResult> => {
		const a = await getAssembly(tx, input.assemblyId);
		if (!a) return { ok: false, code: 'assembly.notFound' };
		if (!NAMEABLE.includes(a.state)) return { ok: false, code: 'scrutineer.locked' };
		const existing = await listScrutineers(tx, a.id);
		if (existing.some((s) => s.role === input.role && s.name === input.name))
			return { ok: false, code: 'scrutineer.duplicate' };
		const id = newId('scr');
		await tx.insert(scrutineer).values({
			id,
			assemblyId: a.id,
			role: input.role,
			name: input.name,
			addedBy: input.actorId,
			createdAt: now
		});
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId: input.actorId,
				action: 'assembly.scrutineerNamed',
				subject: a.id,
				after: { id, role: input.role, name: input.name }
			},
			now
		);
		return { ok: true };
	});
}

/** Staff remove a scrutineer they named by mistake (audited). */
export async function removeScrutineer(
	db: Db,
	input: { actorId: string; assemblyId: string; id: string },
	now = new Date()
): Promise<ScrutineerResult> {
	return db.transaction(async (tx): Promise<ScrutineerResult> => {
		const a = await getAssembly(tx, input.assemblyId);
		if (!a) return { ok: false, code: 'assembly.notFound' };
		if (!NAMEABLE.includes(a.state)) return { ok: false, code: 'scrutineer.locked' };
		const removed = await tx
			.delete(scrutineer)
			.where(and(eq(scrutineer.id, input.id), eq(scrutineer.assemblyId, a.id)))
			.returning({ role: scrutineer.role, name: scrutineer.name });
		if (!removed.length) return { ok: false, code: 'scrutineer.notFound' };
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId: input.actorId,
				action: 'assembly.scrutineerRemoved',
				subject: a.id,
				before: { id: input.id, ...removed[0] }
			},
			now
		);
		return { ok: true };
	});
}
