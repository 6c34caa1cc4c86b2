import { and, eq } from 'drizzle-orm';
import { makeCloseEntry, makeOpenEntry } from '../../domain/ledger/entries';
import { canonicalJson } from '../../domain/record/canonical';
import type { Db } from '../db/client';
import { assembly, assemblyVoter, rollOpening } from '../db/schema';
import { appendAudit } from '../audit';
import { emitLedgerEvent } from '../ballots/events';
import { forgetVotingContext } from '../ballots/context';
import { votingRollSnapshot } from './voting-roll';
import { getAssembly, recordAssembly, recordEstate, recordItems } from './parts';
import { insertEntries, lastEntry, lockLedger } from './store';
import { makeCheckpoint } from './checkpoints';
import { fixLedgerOrigin } from './keys';

export type LifecycleCode =
	| 'assembly.notFound'
	| 'assembly.wrongState'
	| 'assembly.tooEarly'
	| 'assembly.windowOpen'
	| 'assembly.emptyRoll'
	| 'assembly.noItems';
export type LifecycleResult = { ok: true } | { ok: false; code: LifecycleCode };

/**
 * Opening freezes the roll (its hash goes into the ledger's open entry, seq 0) together with the
 * items and the assembly; nothing of them can change afterwards. A written vote opens at its
 * window; a meeting may open when staff start it on site.
 */
export async function openAssembly(
	db: Db,
	assemblyId: string,
	actorId: string,
	now = new Date()
): Promise<LifecycleResult> {
	const r = await db.transaction(async (tx): Promise<LifecycleResult> => {
		await lockLedger(tx, assemblyId);
		const a = await getAssembly(tx, assemblyId);
		if (!a) return { ok: false, code: 'assembly.notFound' };
		if (a.state !== 'announced') return { ok: false, code: 'assembly.wrongState' };
		if (a.form === 'written' && now < a.opensAt) return { ok: false, code: 'assembly.tooEarly' };
		const items = await recordItems(tx, assemblyId);
		if (!items.length) return { ok: false, code: 'assembly.noItems' };
		const { roll, voters, openings } = await votingRollSnapshot(tx, a.estateId);
		if (!roll.units.length) return { ok: false, code: 'assembly.emptyRoll' };
		const estate = await recordEstate(tx, a.estateId);
		const open = makeOpenEntry({
			at: now.toISOString(),
			estate,
			assembly: recordAssembly(a),
			roll,
			items
		});
		await tx.insert(assemblyVoter).values(voters.map((v) => ({ assemblyId, ...v })));
		for (let i = 0; i < openings.length; i += 1000)
			await tx
				.insert(rollOpening)
				.values(openings.slice(i, i + 1000).map((o) => ({ assemblyId, ...o })));
		await insertEntries(tx, assemblyId, [open]);
		await fixLedgerOrigin(tx, assemblyId);
		await tx
			.update(assembly)
			.set({ state: 'open', rollJson: canonicalJson(roll) })
			.where(eq(assembly.id, assemblyId));
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId,
				action: 'assembly.open',
				subject: assemblyId,
				after: { rollHash: open.rollHash, itemsHash: open.itemsHash, voters: voters.length }
			},
			now
		);
		return { ok: true };
	});
	if (r.ok) {
		forgetVotingContext(assemblyId);
		emitLedgerEvent({ type: 'state', assemblyId, state: 'open' });
	}
	return r;
}

/**
 * Closing writes the ledger's last entry and a final signed checkpoint. A written vote closes at
 * the end of its window (automatically, or by staff afterwards); a meeting is closed by staff.
 */
export async function closeAssembly(
	db: Db,
	assemblyId: string,
	actorId: string | null,
	now = new Date()
): Promise<LifecycleResult> {
	const r = await db.transaction(async (tx): Promise<LifecycleResult> => {
		await lockLedger(tx, assemblyId);
		const a = await getAssembly(tx, assemblyId);
		if (!a) return { ok: false, code: 'assembly.notFound' };
		if (a.state !== 'open') return { ok: false, code: 'assembly.wrongState' };
		if (a.form === 'written' && now < a.closesAt) return { ok: false, code: 'assembly.windowOpen' };
		const head = await lastEntry(tx, assemblyId);
		const close = makeCloseEntry(head!, now.toISOString());
		await insertEntries(tx, assemblyId, [close]);
		await tx
			.update(assembly)
			.set({ state: 'closed' })
			.where(and(eq(assembly.id, assemblyId), eq(assembly.state, 'open')));
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId,
				action: 'assembly.close',
				subject: assemblyId,
				after: { seq: close.seq, hash: close.hash }
			},
			now
		);
		return { ok: true };
	});
	if (r.ok) {
		forgetVotingContext(assemblyId);
		await makeCheckpoint(db, assemblyId, now);
		emitLedgerEvent({ type: 'state', assemblyId, state: 'closed' });
	}
	return r;
}
