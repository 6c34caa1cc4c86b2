import { checkReadiness, noticeIsTimely } from './rules';

/** One line of the filing checklist: what it checks and whether it is done. */
export interface SetupCheck {
	key: 'items' | 'candidates' | 'vetted' | 'noRejected' | 'notice';
	done: boolean;
}

/**
 * What still blocks filing, every line at once (checkReadiness stops at the first problem): the
 * same rules, each asked on its own. Filing is possible exactly when every line is done.
 */
export function setupChecklist(
	items: { key: string; type: 'resolution' | 'election' }[],
	candidates: { itemKey: string; vetting: 'pending' | 'approved' | 'rejected' }[],
	timing: { opensAt: Date; now: Date; noticeDays: number }
): SetupCheck[] {
	const elections = items.filter((i) => i.type === 'election');
	const approvedOnly = candidates.map((c) => ({ ...c, vetting: 'approved' as const }));
	return [
		{ key: 'items', done: items.length > 0 },
		{
			key: 'candidates',
			done:
				items.length > 0 &&
				checkReadiness(elections.length ? elections : items, approvedOnly) === null
		},
		{ key: 'vetted', done: !candidates.some((c) => c.vetting === 'pending') },
		{ key: 'noRejected', done: !candidates.some((c) => c.vetting === 'rejected') },
		{ key: 'notice', done: noticeIsTimely(timing.opensAt, timing.now, timing.noticeDays) }
	];
}

export type NextStep =
	| 'prepare'
	| 'awaitReview'
	| 'awaitOpen'
	| 'open'
	| 'voting'
	| 'close'
	| 'count'
	| 'publish'
	| 'announcing'
	| 'done';

/** What staff do next with an assembly in `state` (the estate's to-do list and the assembly page). */
export function nextStep(
	a: { state: string; form: 'written' | 'meeting'; opensAt: Date; closesAt: Date },
	now: Date,
	lateMinutes = 0
): NextStep {
	switch (a.state) {
		case 'draft':
		case 'returned':
			return 'prepare';
		case 'filed':
			return 'awaitReview';
		case 'announced':
			return a.form === 'meeting' || now >= a.opensAt ? 'open' : 'awaitOpen';
		case 'open':
			if (a.form === 'meeting') return 'close';
			return now.getTime() >= a.closesAt.getTime() + lateMinutes * 60_000 ? 'close' : 'voting';
		case 'closed':
			return 'count';
		case 'counted':
			return 'publish';
		case 'published':
			return 'announcing';
		default:
			return 'done';
	}
}
