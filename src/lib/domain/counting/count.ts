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
import { rollWeights, type RollCheck } from './roll';
import { addOwner, emptyTally, toWeight } from './rules';

export interface CountOutcome {
	ok: boolean;
	errors: RecordError[];
	/** null when the roll itself is invalid, so no weights exist. */
	result: Result | null;
}

/**
 * Picks each owner's counted ballot entry by entry: their highest seq under revote "last", lowest
 * under "first"; ballots by unknown owners or with invalid choices are reported and not counted —
 * docs/record-format.md § Counting 1. A caller that already walks the ledger (the verifier's chain
 * check) picks while each entry is at hand, instead of a second pass over a million entries.
 */
export class BallotPicker {
	/**
	 * Owner → slot, then the counted entry and its seq per slot: the seq sits in a typed array so
	 * that comparing a revote does not read the earlier entry again from a million-entry heap.
	 */
	private readonly slot = new Map<string, number>();
	private readonly chosen: (BallotEntry | undefined)[];
	private readonly chosenSeq: Float64Array;

	constructor(
		ownerArea: ReadonlyMap<string, Hundredths>,
		private readonly index: ItemIndex,
		private readonly revote: RevoteRule,
		private readonly errors: RecordError[]
	) {
		for (const owner of ownerArea.keys()) this.slot.set(owner, this.slot.size);
		this.chosen = new Array(this.slot.size).fill(undefined);
		this.chosenSeq = new Float64Array(this.slot.size);
	}

	visit(e: LedgerEntry): void {
		if (e.type !== 'ballot') return;
		const k = this.slot.get(e.owner);
		if (k === undefined) {
			const message = `ballot by ${JSON.stringify(e.owner)}, who is not an owner on the roll`;
			this.errors.push({ code: 'ballot.owner', seq: e.seq, message });
			return;
		}
		const problem = choicesProblem(e.choices, this.index);
		if (problem) {
			this.errors.push({ code: 'ballot.choice', seq: e.seq, message: problem });
			return;
		}
		const held = this.chosenSeq[k];
		if (this.chosen[k] === undefined || (this.revote === 'last' ? e.seq > held : e.seq < held)) {
			this.chosen[k] = e;
			this.chosenSeq[k] = e.seq;
		}
	}

	/** The counted ballots, in the roll's order of owners. */
	counted(): BallotEntry[] {
		const counted: BallotEntry[] = [];
		for (const e of this.chosen) if (e !== undefined) counted.push(e);
		return counted;
	}
}

/** A count under way: the roll's weights, and the picker that the ledger's entries go through. */
export interface CountPass {
	items: readonly Item[];
	rules: Rules;
	weights: RollCheck;
	/** null when the roll is invalid: nothing is counted. */
	picker: BallotPicker | null;
	errors: RecordError[];
}

/** Checks the roll and prepares to pick ballots; feed every ledger entry to `picker.visit`. */
export function startCount(roll: Roll, items: readonly Item[], rules: Rules): CountPass {
	const weights = rollWeights(roll);
	const errors: RecordError[] = [];
	const picker = weights.ok
		? new BallotPicker(weights.weights.ownerArea, indexItems(items), rules.revote, errors)
		: null;
	return { items, rules, weights, picker, errors };
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
	const pass = startCount(roll, items, rules);
	if (pass.picker) for (let i = 0; i < ledger.length; i++) pass.picker.visit(ledger[i]);
	return finishCount(pass, ledger, head);
}

/** The result of a count whose every ledger entry went through `pass.picker`. */
export function finishCount(
	pass: CountPass,
	ledger: readonly LedgerEntry[],
	head?: Head
): CountOutcome {
	const { items, rules, weights, picker, errors } = pass;
	if (!weights.ok || !picker)
		return { ok: false, errors: weights.ok ? [] : weights.errors, result: null };
	const { ownerArea, totalArea, totalHeads } = weights.weights;
	const counted = picker.counted();
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
