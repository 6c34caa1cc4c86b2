import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '../../domain/record/canonical';
import { signHead } from '../../domain/signature';
import type { Db } from '../db/client';
import { assembly, headSignature } from '../db/schema';
import { appendAudit } from '../audit';
import { emitLedgerEvent } from '../ballots/events';
import { platformKey } from './keys';
import { getAssembly } from './parts';
import { recount } from './record';
import { openAnnouncement } from '../announcement/announce';

export type ResultCode = 'assembly.notFound' | 'assembly.wrongState' | 'assembly.countFailed';

/**
 * Counting after close: the domain core recounts the stored ledger, the result is stored with the
 * head, and the platform signs the head (Ed25519).
 */
export async function countAndStore(
	db: Db,
	assemblyId: string,
	actorId: string | null,
	now = new Date()
) {
	const r = await db.transaction(
		async (tx): Promise<{ ok: true } | { ok: false; code: ResultCode }> => {
			const a = await getAssembly(tx, assemblyId);
			if (!a) return { ok: false, code: 'assembly.notFound' };
			if (a.state !== 'closed') return { ok: false, code: 'assembly.wrongState' };
			const outcome = await recount(tx, assemblyId);
			if (!outcome?.ok || !outcome.result) {
				console.error('[count] inconsistent ledger', assemblyId, outcome?.errors);
				return { ok: false, code: 'assembly.countFailed' };
			}
			const result = outcome.result;
			const { secretKey } = await platformKey(tx);
			const sig = signHead(secretKey, 'platform', assemblyId, result.head);
			await tx.insert(headSignature).values({
				assemblyId,
				by: 'platform',
				publicKey: sig.publicKey,
				signature: sig.signature,
				signedBy: actorId,
				at: now
			});
			await tx
				.update(assembly)
				.set({ state: 'counted', resultJson: canonicalJson(result) })
				.where(and(eq(assembly.id, assemblyId), eq(assembly.state, 'closed')));
			await appendAudit(
				tx,
				{
					scope: a.estateId,
					actorId,
					action: 'assembly.count',
					subject: assemblyId,
					after: { head: result.head }
				},
				now
			);
			return { ok: true };
		}
	);
	if (r.ok) emitLedgerEvent({ type: 'state', assemblyId, state: 'counted' });
	return r;
}

/** Publishing the counted result to everybody (计票结果公告); its announcement period starts. */
export async function publishResult(db: Db, assemblyId: string, actorId: string, now = new Date()) {
	const r = await db.transaction(
		async (tx): Promise<{ ok: true } | { ok: false; code: ResultCode }> => {
			const a = await getAssembly(tx, assemblyId);
			if (!a) return { ok: false, code: 'assembly.notFound' };
			if (a.state !== 'counted') return { ok: false, code: 'assembly.wrongState' };
			await tx.update(assembly).set({ state: 'published' }).where(eq(assembly.id, assemblyId));
			await appendAudit(
				tx,
				{ scope: a.estateId, actorId, action: 'assembly.publish', subject: assemblyId },
				now
			);
			await openAnnouncement(tx, a, actorId, now);
			return { ok: true };
		}
	);
	if (r.ok) emitLedgerEvent({ type: 'state', assemblyId, state: 'published' });
	return r;
}
