import {
	makeBallotEntry,
	makeCloseEntry,
	makeOpenEntry,
	type BallotInput
} from '../ledger/entries';
import { countAssembly } from '../counting/count';
import { signHead } from '../signature';
import { checkEstateAndAssembly, checkItems } from './format';
import {
	RECORD_FORMAT,
	type Assembly,
	type AssemblyRecord,
	type Estate,
	type Item,
	type LedgerEntry,
	type RecordError,
	type Roll,
	type Signature
} from './types';

export interface RecordInput {
	estate: Estate;
	assembly: Assembly;
	roll: Roll;
	items: Item[];
	/** Times of the open and close entries; the shell passes them in. */
	openAt: string;
	closeAt: string;
	/** In casting order; nonces come from the shell's CSPRNG. */
	ballots: BallotInput[];
}

export interface Signer {
	by: Signature['by'];
	secretKey: Uint8Array;
}

export type BuildOutcome =
	{ ok: true; record: AssemblyRecord } | { ok: false; errors: RecordError[] };

/** The ledger: open (seq 0), the ballots in order, close — each chained to the previous hash (docs/record-format.md § The ledger). */
export function buildLedger(input: RecordInput): LedgerEntry[] {
	const ledger: LedgerEntry[] = [makeOpenEntry({ at: input.openAt, ...input })];
	for (const ballot of input.ballots)
		ledger.push(makeBallotEntry(ledger[ledger.length - 1], ballot));
	ledger.push(makeCloseEntry(ledger[ledger.length - 1], input.closeAt));
	return ledger;
}

/**
 * Builds a complete record — ledger, recounted result and signatures over its head — that
 * verifyRecord accepts; invalid rolls or ballots come back as the verifier's codes
 * (docs/record-format.md § The verifier).
 */
export function buildRecord(input: RecordInput, signers: readonly Signer[] = []): BuildOutcome {
	const { estate, assembly, roll, items } = input;
	const shape = [...checkEstateAndAssembly(estate, assembly), ...checkItems(items)];
	if (shape.length) return { ok: false, errors: shape };
	const ledger = buildLedger(input);
	const count = countAssembly(roll, items, ledger, assembly.rules);
	if (!count.ok || !count.result) return { ok: false, errors: count.errors };
	const result = count.result;
	const signatures = signers.map((s) => signHead(s.secretKey, s.by, assembly.id, result.head));
	const record: AssemblyRecord = {
		format: RECORD_FORMAT,
		estate,
		assembly,
		roll,
		items,
		ledger,
		result
	};
	if (signatures.length) record.signatures = signatures;
	return { ok: true, record };
}
