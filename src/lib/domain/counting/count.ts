import type { Hundredths } from '../area';
import { ledgerHead } from '../ledger/head';
import type {
	BallotEntry,
	Item,
	LedgerEntry,
	RecordError,
	Result,
	RevoteRule,
	Roll,
	Rules
} from '../record/types';
import { choicesProblem, indexItems, type ItemIndex } from './choice';
import { countElection, countResolution, type CountedBallot } from './items';
import { rollWeights } from './roll';
import { addOwner, emptyTally, toWeight } from './rules';

export interface CountOutcome {
	ok: boolean;
	errors: RecordError[];
	/** null when the roll itself is invalid, so no weights exist. */
	result: Result | null;
}

/**
 * Each owner's counted ballot is their highest seq under revote "last", lowest under "first"; ballots
 * by unknown owners or with invalid choices are reported and not counted — spec: Counting 1.
 */
export function countedBallots(
	ledger: readonly LedgerEntry[],
	ownerArea: ReadonlyMap<string, Hundredths>,
	index: ItemIndex,
	revote: RevoteRule,
	errors: RecordError[]
): Map<string, BallotEntry> {
	const counted = new Map<string, BallotEntry>();
	for (const e of ledger) {
		if (e.type !== 'ballot') continue;
		if (!ownerArea.has(e.owner)) {
			const message = `ballot by ${JSON.stringify(e.owner)}, who is not an owner on the roll`;
			errors.push({ code: 'ballot.owner', seq: e.seq, message });
			continue;
		}
		const problem = choicesProblem(e.choices, index);
		if (problem) {
			errors.push({ code: 'ballot.choice', seq: e.seq, message: problem });
			continue;
		}
		const held = counted.get(e.owner);
		if (!held || (revote === 'last' ? e.seq > held.seq : e.seq < held.seq)) counted.set(e.owner, e);
	}
	return counted;
}

/** Counts an assembly from its roll, items and ledger — spec: Counting and Result. */
export function countAssembly(
	roll: Roll,
	items: readonly Item[],
	ledger: readonly LedgerEntry[],
	rules: Rules
): CountOutcome {
	const roll_ = rollWeights(roll);
	if (!roll_.ok) return { ok: false, errors: roll_.errors, result: null };
	const { ownerArea, totalArea, totalHeads } = roll_.weights;
	const errors: RecordError[] = [];
	const counted = countedBallots(ledger, ownerArea, indexItems(items), rules.revote, errors);
	const participation = emptyTally();
	const ballots: CountedBallot[] = [];
	for (const [owner, entry] of counted) {
		const area = ownerArea.get(owner)!;
		addOwner(participation, area);
		ballots.push({ area, choices: entry.choices });
	}
	const totals = { area: totalArea, heads: totalHeads };
	const itemResults = Object.fromEntries(
		items.map((item) => [
			item.id,
			item.type === 'resolution'
				? countResolution(item, ballots, rules.blank, totals)
				: countElection(item, ballots, rules.blank, totals)
		])
	);
	const result: Result = {
		totals: toWeight(totals),
		participation: toWeight(participation),
		items: itemResults,
		head: ledgerHead(ledger)
	};
	return { ok: errors.length === 0, errors, result };
}
