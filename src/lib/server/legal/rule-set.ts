import { eq } from 'drizzle-orm';
import { isRuleSetId, type RuleSetId } from '$lib/domain/legal/rule-sets';
import type { Db, Executor } from '../db/client';
import { estateSetting } from '../db/schema';
import { appendAudit } from '../audit';
import { findEstate } from '../roll/current-roll';

/** The legal rule set an estate's pages and minutes cite; the national law when none was chosen. */
export async function ruleSetOf(db: Executor, estateId: string): Promise<RuleSetId> {
	const [row] = await db
		.select({ ruleSet: estateSetting.ruleSet })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, estateId));
	return row?.ruleSet ?? 'national';
}

export type SetRuleSetResult =
	| { ok: true; ruleSet: RuleSetId; changed: boolean }
	| { ok: false; code: 'estate.notFound' | 'ruleSet.unknown' };

/** Staff choose the estate's rule set; every change is in the audit trail with before and after. */
export function setRuleSet(
	db: Db,
	actorId: string | null,
	estateId: string,
	value: string
): Promise<SetRuleSetResult> {
	return db.transaction(async (tx) => {
		if (!(await findEstate(tx, estateId))) return { ok: false, code: 'estate.notFound' } as const;
		if (!isRuleSetId(value)) return { ok: false, code: 'ruleSet.unknown' } as const;
		const before = await ruleSetOf(tx, estateId);
		if (before === value) return { ok: true, ruleSet: value, changed: false } as const;
		await tx
			.insert(estateSetting)
			.values({ estateId, ruleSet: value })
			.onConflictDoUpdate({ target: estateSetting.estateId, set: { ruleSet: value } });
		await appendAudit(tx, {
			scope: estateId,
			actorId,
			action: 'estate.ruleSet',
			subject: estateId,
			before: { ruleSet: before },
			after: { ruleSet: value }
		});
		return { ok: true, ruleSet: value, changed: true } as const;
	});
}
