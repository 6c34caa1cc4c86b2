import type {
	BlankRule,
	CandidateResult,
	Choice,
	Election,
	ElectionResult,
	Resolution,
	ResolutionChoice,
	ResolutionResult
} from '../record/types';
import { rankCandidates, type Votes } from './election';
import {
	addOwner,
	emptyTally,
	hasQuorum,
	isMajority,
	resolutionPasses,
	toWeight,
	type Tally
} from './rules';

/** An owner's counted ballot: their area and their choices. */
export interface CountedBallot {
	area: bigint;
	choices: Record<string, Choice>;
}

const choiceFor = (b: CountedBallot, id: string): Choice | undefined =>
	Object.hasOwn(b.choices, id) ? b.choices[id] : undefined;

/**
 * A resolution's tallies: a missing choice is an abstention under blank "abstain" and no
 * participation under "not_participating" — docs/record-format.md § Counting 2–4.
 */
export function countResolution(
	item: Resolution,
	ballots: readonly CountedBallot[],
	blank: BlankRule,
	totals: Tally
): ResolutionResult {
	const t: Record<ResolutionChoice, Tally> = {
		for: emptyTally(),
		against: emptyTally(),
		abstain: emptyTally(),
		spoiled: emptyTally()
	};
	const part = emptyTally();
	for (const b of ballots) {
		const c = choiceFor(b, item.id) ?? (blank === 'abstain' ? 'abstain' : undefined);
		if (c === undefined) continue;
		addOwner(t[c as ResolutionChoice], b.area);
		addOwner(part, b.area);
	}
	const quorum = hasQuorum(part, totals);
	const outcome = !quorum
		? 'no_quorum'
		: resolutionPasses(item.matter, t.for, part)
			? 'passed'
			: 'failed';
	return {
		participation: toWeight(part),
		quorum,
		for: toWeight(t.for),
		against: toWeight(t.against),
		abstain: toWeight(t.abstain),
		spoiled: toWeight(t.spoiled),
		outcome
	};
}

/**
 * An election: candidates qualify by 过半数 of participating area and heads, then are ranked for
 * seats and alternates — 民法典 第278条 第二款, docs/record-format.md § Counting 5.
 */
export function countElection(
	item: Election,
	ballots: readonly CountedBallot[],
	blank: BlankRule,
	totals: Tally
): ElectionResult {
	const votes = new Map<string, Tally>(item.candidates.map((c) => [c.id, emptyTally()]));
	const part = emptyTally();
	for (const b of ballots) {
		const c = choiceFor(b, item.id) ?? (blank === 'abstain' ? [] : undefined);
		if (c === undefined) continue;
		addOwner(part, b.area);
		if (c !== 'spoiled') for (const id of c as string[]) addOwner(votes.get(id)!, b.area);
	}
	const quorum = hasQuorum(part, totals);
	const qualifiers: Votes[] = [];
	for (const [id, t] of votes) if (quorum && isMajority(t, part)) qualifiers.push({ id, ...t });
	const status = rankCandidates(qualifiers, item.seats, item.alternates);
	const candidates: Record<string, CandidateResult> = Object.fromEntries(
		[...votes].map(([id, t]) => [id, { ...toWeight(t), status: status.get(id) ?? 'not_elected' }])
	);
	const elected = [...status.values()].filter((s) => s === 'elected').length;
	const outcome = !quorum ? 'no_quorum' : elected === item.seats ? 'complete' : 'incomplete';
	return { participation: toWeight(part), quorum, candidates, outcome };
}
