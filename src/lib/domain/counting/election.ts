import type { CandidateStatus } from '../record/types';

export interface Votes {
	id: string;
	area: bigint;
	heads: number;
}

const compare = (a: Votes, b: Votes) =>
	b.heads - a.heads || (b.area > a.area ? 1 : b.area < a.area ? -1 : 0);

/**
 * Ranks qualifiers by heads then area; the first `seats` are elected, the next `alternates`
 * alternate, and an equal group straddling either line is tied, its places left empty —
 * docs/record-format.md § Counting 5.
 */
export function rankCandidates(
	qualifiers: readonly Votes[],
	seats: number,
	alternates: number
): Map<string, CandidateStatus> {
	const ranked = [...qualifiers].sort(compare);
	const status = new Map<string, CandidateStatus>();
	const straddles = (start: number, end: number, line: number) => start < line && line < end;
	let place = 0;
	for (let i = 0; i < ranked.length;) {
		let j = i + 1;
		while (j < ranked.length && compare(ranked[i], ranked[j]) === 0) j++;
		const end = place + (j - i);
		const s: CandidateStatus =
			straddles(place, end, seats) || straddles(place, end, seats + alternates)
				? 'tied'
				: end <= seats
					? 'elected'
					: end <= seats + alternates
						? 'alternate'
						: 'not_elected';
		for (let k = i; k < j; k++) status.set(ranked[k].id, s);
		place = end;
		i = j;
	}
	return status;
}
