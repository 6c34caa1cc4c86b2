/** 《民法典》第278条 first paragraph: the nine matters owners decide together. */
export const MATTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Matter = (typeof MATTERS)[number];

export function isMatter(x: unknown): x is Matter {
	return Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 9;
}

/** Ids in the record: `^[A-Za-z0-9_.:-]{1,64}$` (docs/record-format.md § Conventions). */
export const RECORD_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The next free key with a prefix: r1, r2… / e1… / c1… (gaps after removals are kept). */
export function nextKey(prefix: 'r' | 'e' | 'c', used: string[]): string {
	let max = 0;
	for (const k of used) {
		const m = new RegExp(`^${prefix}(\\d+)$`).exec(k);
		if (m) max = Math.max(max, Number(m[1]));
	}
	return `${prefix}${max + 1}`;
}

export const DAY_MS = 86_400_000;

export interface WindowBounds {
	minDays: number;
	maxDays: number;
}

export type WindowProblem =
	'assembly.windowOrder' | 'assembly.windowShort' | 'assembly.windowLong' | 'assembly.opensPast';

/**
 * A written vote stays open minDays to maxDays (an estate setting; 杭州条例 第20条: 5 to 60); a meeting only needs to
 * close after it opens and within maxDays. Voting cannot open in the past.
 */
export function checkWindow(
	form: 'written' | 'meeting',
	opensAt: Date,
	closesAt: Date,
	bounds: WindowBounds,
	now: Date
): WindowProblem | null {
	const span = closesAt.getTime() - opensAt.getTime();
	if (!(span > 0)) return 'assembly.windowOrder';
	if (opensAt.getTime() < now.getTime()) return 'assembly.opensPast';
	if (form === 'written' && span < bounds.minDays * DAY_MS) return 'assembly.windowShort';
	if (span > bounds.maxDays * DAY_MS) return 'assembly.windowLong';
	return null;
}

/** The notice must be out at least `noticeDays` before voting opens (物业管理条例 第14条: 15 days). */
export function noticeIsTimely(opensAt: Date, now: Date, noticeDays: number): boolean {
	return opensAt.getTime() >= now.getTime() + noticeDays * DAY_MS;
}

export type ItemProblem = 'item.titleEmpty' | 'item.matter' | 'item.seats' | 'item.alternates';

export type ItemShape =
	| { type: 'resolution'; title: string; matter: number }
	| { type: 'election'; title: string; seats: number; alternates: number };

/** Elections are matter 3 (选举业主委员会); seats ≥ 1, alternates ≥ 0 (docs/record-format.md § Items). */
export function checkItem(item: ItemShape): ItemProblem | null {
	if (!item.title.trim()) return 'item.titleEmpty';
	if (item.type === 'resolution') return isMatter(item.matter) ? null : 'item.matter';
	if (!Number.isInteger(item.seats) || item.seats < 1 || item.seats > 99) return 'item.seats';
	if (!Number.isInteger(item.alternates) || item.alternates < 0 || item.alternates > 99)
		return 'item.alternates';
	return null;
}

export type ReadinessProblem =
	| 'assembly.noItems'
	| 'assembly.noCandidates'
	| 'assembly.candidatePending'
	| 'assembly.candidateRejected';

/**
 * Before filing: at least one item, every election has candidates, and every candidate was vetted
 * (联审) and approved — rejected ones must be withdrawn, so the ballot lists exactly the approved.
 */
export function checkReadiness(
	items: { key: string; type: 'resolution' | 'election' }[],
	candidates: { itemKey: string; vetting: 'pending' | 'approved' | 'rejected' }[]
): ReadinessProblem | null {
	if (items.length === 0) return 'assembly.noItems';
	for (const i of items)
		if (i.type === 'election' && !candidates.some((c) => c.itemKey === i.key))
			return 'assembly.noCandidates';
	if (candidates.some((c) => c.vetting === 'pending')) return 'assembly.candidatePending';
	if (candidates.some((c) => c.vetting === 'rejected')) return 'assembly.candidateRejected';
	return null;
}
