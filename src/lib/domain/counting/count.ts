import type { Hundredths } from '../area';
import { ledgerHead } from '../ledger/head';
import type {
	BallotEntry,
	Head,
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
 * by unknown owners or with invalid choices are reported and not counted — docs/record-format.md
 * § Counting 1.
 */
export function countedBallots(
	ledger: readonly LedgerEntry[],
	ownerArea: ReadonlyMap<string, Hundredths>,
	index: ItemIndex,
	revote: RevoteRule,
	errors: RecordError[]
): BallotEntry[] {
	// One map lookup per ballot: owner → slot, then the counted entry per slot in a typed array.
	const slot = new Map<string, number>();
	for (const owner of ownerArea.keys()) slot.set(owner, slot.size);
	const chosen = new Int32Array(slot.size).fill(-1);
	for (let i = 0; i < ledger.length; i++) {
		const e = ledger[i];
		if (e.type !== 'ballot') continue;
		const k = slot.get(e.owner);
		if (k === undefined) {
			const message = `ballot by ${JSON.stringify(e.owner)}, who is not an owner on the roll`;
			errors.push({ code: 'ballot.owner', seq: e.seq, message });
			continue;
		}
		const problem = choicesProblem(e.choices, index);
		if (problem) {
			errors.push({ code: 'ballot.choice', seq: e.seq, message: problem });
			continue;
		}
		const held = chosen[k];
		if (held < 0 || (revote === 'last' ? e.seq > ledger[held].seq : e.seq < ledger[held].seq)) {
			chosen[k] = i;
		}
	}
	const counted: BallotEntry[] = [];
	for (const i of chosen) if (i >= 0) counted.push(ledger[i] as BallotEntry);
	return counted;
}

/**
 * Counts an assembly from its roll, items and ledger — docs/record-format.md § Counting. `head`
 * may be passed when the caller already hashed the ledger (the verifier does, while checking the
 * chain).
 */
export function countAssembly(
	roll: Roll,
	items: readonly Item[],
	ledger: readonly LedgerEntry[],
	rules: Rules,
	head?: Head
): CountOutcome {
	const weights = rollWeights(roll);
	if (!weights.ok) return { ok: false, errors: weights.errors, result: null };
	const { ownerArea, totalArea, totalHeads } = weights.weights;
	const errors: RecordError[] = [];
	const counted = countedBallots(ledger, ownerArea, indexItems(items), rules.revote, errors);
	const participation = emptyTally();
	const ballots: CountedBallot[] = counted.map((entry) => {
		const area = ownerArea.get(entry.owner)!;
		addOwner(participation, area);
		return { area, choices: entry.choices };
	});
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
		head: head ?? ledgerHead(ledger)
	};
	return { ok: errors.length === 0, errors, result };
}
