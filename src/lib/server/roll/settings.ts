import { eq } from 'drizzle-orm';
import { UNIT_KINDS, type UnitKind } from '$lib/domain/roll';
import type { Db, Executor } from '../db/client';
import { estateSetting } from '../db/schema';
import { appendAudit } from '../audit';
import { rollLock } from '../publication/state';
import { findEstate, lockRollForWrite } from './current-roll';

/** Unit kinds whose area and heads count (SPC 建筑物区分所有权解释 第2条); all four by default. */
export async function countedKindsOf(db: Executor, estateId: string): Promise<UnitKind[]> {
	const [row] = await db
		.select({ kinds: estateSetting.countedKinds })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, estateId));
	const kinds = row?.kinds ?? [...UNIT_KINDS];
	return UNIT_KINDS.filter((k) => kinds.includes(k));
}

export type SetCountedKindsResult =
	| { ok: true; kinds: UnitKind[] }
	| { ok: false; code: 'estate.notFound' | 'roll.locked' | 'settings.noKind' };

/** Staff choose the counted kinds; the change moves every weight, so it is locked like the roll. */
export function setCountedKinds(
	db: Db,
	actorId: string | null,
	estateId: string,
	kinds: string[]
): Promise<SetCountedKindsResult> {
	const next = UNIT_KINDS.filter((k) => kinds.includes(k));
	return db.transaction(async (tx) => {
		if (!(await findEstate(tx, estateId))) return { ok: false, code: 'estate.notFound' } as const;
		if (next.length === 0) return { ok: false, code: 'settings.noKind' } as const;
		await lockRollForWrite(tx, estateId);
		if ((await rollLock(tx, estateId)).locked) return { ok: false, code: 'roll.locked' } as const;
		const before = await countedKindsOf(tx, estateId);
		await tx
			.insert(estateSetting)
			.values({ estateId, countedKinds: next })
			.onConflictDoUpdate({ target: estateSetting.estateId, set: { countedKinds: next } });
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'roll.countedKinds',
			subject: estateId,
			before: { countedKinds: before },
			after: { countedKinds: next }
		});
		return { ok: true, kinds: next } as const;
	});
}
