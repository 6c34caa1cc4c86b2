import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit';
import type { Db } from '../db/client';
import { rollPublication } from '../db/schema';
import { openObjectionCount } from './objections';
import { rollHash, rollRows } from './published-roll';
import { lockEstatePublication } from './publish';
import { currentPublication, type Publication } from './state';

export type FreezeBlocker = 'publication.periodRunning' | 'publication.openObjections';

/** Why a published roll cannot be frozen yet: the period must be over and no objection open. */
export function freezeBlockers(
	pub: Pick<Publication, 'objectionsUntil'>,
	openObjections: number,
	now: Date
): FreezeBlocker[] {
	const out: FreezeBlocker[] = [];
	if (now.getTime() <= pub.objectionsUntil.getTime()) out.push('publication.periodRunning');
	if (openObjections > 0) out.push('publication.openObjections');
	return out;
}

export type FreezeResult =
	| { ok: true; publication: Publication }
	| {
			ok: false;
			code: 'publication.notPublished' | 'publication.rollChanged' | FreezeBlocker;
	  };

/** Freezes the published roll: from now on it is the roll votes are counted against. */
export async function freezeRoll(
	db: Db,
	input: { estateId: string; actorId: string; now?: Date }
): Promise<FreezeResult> {
	const now = input.now ?? new Date();
	return db.transaction(async (tx) => {
		await lockEstatePublication(tx, input.estateId);
		const pub = await currentPublication(tx, input.estateId);
		if (!pub || pub.state !== 'published')
			return { ok: false, code: 'publication.notPublished' } as const;
		const [blocker] = freezeBlockers(pub, await openObjectionCount(tx, pub.id), now);
		if (blocker) return { ok: false, code: blocker } as const;
		// Edits are locked while published; if one slipped through, owners did not see this roll.
		if (rollHash(await rollRows(tx, input.estateId)) !== pub.rollHash)
			return { ok: false, code: 'publication.rollChanged' } as const;
		const [publication] = await tx
			.update(rollPublication)
			.set({ state: 'frozen', frozenAt: now, frozenBy: input.actorId })
			.where(eq(rollPublication.id, pub.id))
			.returning();
		await appendAudit(
			tx,
			{
				scope: input.estateId,
				actorId: input.actorId,
				action: 'roll.frozen',
				subject: pub.id,
				before: { state: 'published' },
				after: { state: 'frozen', rollHash: pub.rollHash }
			},
			now
		);
		return { ok: true, publication };
	});
}
