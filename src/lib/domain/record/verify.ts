import { bytesToHex } from '@noble/hashes/utils.js';
import { finishCount, startCount, type BallotPicker, type CountPass } from '../counting/count';
import { merkleRootOfPacked } from '../ledger/merkle';
import { verifyChain, verifyChainQueued } from '../ledger/chain';
import { hashAssembly, hashItems, hashRoll } from '../ledger/entries';
import { badOpenings } from './openings';
import { verifyHeadSignature } from '../signature';
import { canonicalJson } from './canonical';
import { nobleSha256, type LedgerQueue, type Sha256 } from './sha256';
import {
	checkEstateAndAssembly,
	checkItems,
	checkSignatureShape,
	checkTopLevel,
	entryError,
	ledgerTooShort
} from './format';
import type {
	AssemblyRecord,
	LedgerEntry,
	OpenEntry,
	RecordError,
	Result,
	Signature,
	VerifyReport
} from './types';

/** The open entry must hold H(roll), H(items) and H({estate, assembly}) — docs/record-format.md § The ledger. */
function checkOpenHashes(record: AssemblyRecord, sha: Sha256): RecordError[] {
	const open = record.ledger[0] as OpenEntry;
	const errors: RecordError[] = [];
	const check = (code: RecordError['code'], stated: string, actual: string, what: string) => {
		if (stated !== actual)
			errors.push({ code, seq: 0, message: `open entry: ${what} is not ${actual}` });
	};
	check('roll.hash', open.rollHash, hashRoll(record.roll, sha), 'rollHash');
	// A full record opens the label commitments; each opening must hash to its unit's label.
	if (record.roll.openings !== undefined)
		for (const id of badOpenings(record.roll, record.roll.openings, sha))
			errors.push({
				code: 'roll.hash',
				message: `roll.openings: ${id} does not open a unit's label commitment`
			});
	check('items.hash', open.itemsHash, hashItems(record.items), 'itemsHash');
	check(
		'assembly.hash',
		open.assemblyHash,
		hashAssembly(record.estate, record.assembly),
		'assemblyHash'
	);
	return errors;
}

/** Splits a result into totals, participation, head and one part per item, for messages. */
function resultParts(r: object): Map<string, unknown> {
	const parts = new Map<string, unknown>();
	for (const [k, v] of Object.entries(r)) {
		if (k !== 'items' || typeof v !== 'object' || v === null) parts.set(k, v);
		else for (const [id, item] of Object.entries(v)) parts.set(`items.${id}`, item);
	}
	return parts;
}

/** Names the parts of a claimed result that differ from the recount. */
export function resultDifferences(claimed: object, actual: Result): string[] {
	const [a, b] = [resultParts(claimed), resultParts(actual)];
	const keys = [...new Set([...a.keys(), ...b.keys()])];
	return keys.filter(
		(k) => !a.has(k) || !b.has(k) || canonicalJson(a.get(k)) !== canonicalJson(b.get(k))
	);
}

function checkSignatures(signatures: unknown[], assemblyId: string, result: Result): RecordError[] {
	const errors: RecordError[] = [];
	signatures.forEach((s, i) => {
		const shape = checkSignatureShape(s, i);
		if (shape) errors.push(shape);
		else if (!verifyHeadSignature(s as Signature, assemblyId, result.head)) {
			const message = `signature ${i} by ${(s as Signature).by} does not verify over the head`;
			errors.push({ code: 'signature.invalid', message });
		}
	});
	return errors;
}

export interface VerifyOptions {
	/** The SHA-256 implementation; @noble/hashes unless the shell passes a faster one. */
	sha256?: Sha256;
}

/**
 * Checks a record offline: chain, open-entry hashes, ballots, recount against the stated result,
 * signatures over the recounted head — docs/record-format.md § The verifier.
 */
export function verifyRecord(input: unknown, options: VerifyOptions = {}): VerifyReport {
	const sha = options.sha256 ?? nobleSha256;
	const top = checkTopLevel(input);
	if (top.length) return { ok: false, errors: top, result: null };
	const record = input as AssemblyRecord;
	const shape = [
		...checkEstateAndAssembly(record.estate, record.assembly),
		...checkItems(record.items)
	];
	const short = ledgerTooShort(record.ledger);
	if (!shape.length && !short) {
		const queue = sha.queueLedger?.(record.ledger.length);
		const report = queue ? verifyQueued(record, sha, queue) : null;
		if (report) return report;
	}
	return verifyInPlace(record, sha, shape, short);
}

/**
 * The verifier with the ledger hashed in place: one pass, in which the chain check hashes each
 * entry, then its form is checked and its ballot picked while the entry is at hand.
 */
function verifyInPlace(
	record: AssemblyRecord,
	sha: Sha256,
	shape: RecordError[],
	short: RecordError | null
): VerifyReport {
	const { ledger } = record;
	const digests = new Uint8Array(32 * ledger.length);
	// Counting needs well-formed items and rules, so with bad ones nothing is picked; the roll is
	// checked by the count itself.
	const entries: RecordError[] = short ? [short] : [];
	const pass =
		shape.length || short ? null : startCount(record.roll, record.items, record.assembly.rules);
	const visit = entryVisitor(ledger.length - 1, entries, pass?.picker);
	const chain = verifyChain(ledger, digests, sha, short ? undefined : (e, i) => visit(e, i, true));
	// Entries from a broken link on are checked without the chain's guarantees.
	if (!short)
		for (let i = chain ? chain.seq! : ledger.length; i < ledger.length; i++)
			visit(ledger[i], i, false);
	const errors = [...shape, ...(chain ? [chain] : []), ...entries];
	// Counting needs well-formed items, rules and entries.
	if (shape.length || entries.length || !pass) return { ok: false, errors, result: null };
	const openErrors = checkOpenHashes(record, sha);
	// `chain` is the chain's first error. An intact chain has produced every leaf (digests) already;
	// a broken one leaves the head to the count, which takes the stated hashes.
	const root = chain
		? null
		: (sha.merkleRootOfPacked ?? merkleRootOfPacked)(digests, ledger.length);
	return conclude(record, pass, [...errors, ...openErrors], root);
}

/**
 * The verifier with the ledger hashed by `queue` on another thread while this one checks and
 * counts; null when some link is broken, and verifyInPlace writes the report.
 */
function verifyQueued(
	record: AssemblyRecord,
	sha: Sha256,
	queue: LedgerQueue
): VerifyReport | null {
	const { ledger } = record;
	const entries: RecordError[] = [];
	const pass = startCount(record.roll, record.items, record.assembly.rules);
	const visit = entryVisitor(ledger.length - 1, entries, pass.picker);
	const hashed = verifyChainQueued(ledger, queue, (e, i) => visit(e, i, true));
	if (!hashed) return null;
	// H(roll) is hashed while the other thread finishes the ledger and its tree.
	const openErrors = entries.length ? [] : checkOpenHashes(record, sha);
	const root = hashed();
	if (!root) return null;
	if (entries.length) return { ok: false, errors: entries, result: null };
	return conclude(record, pass, openErrors, root);
}

/** Checks each entry's form and, while no entry is bad, picks its ballot. */
function entryVisitor(
	last: number,
	entries: RecordError[],
	picker: BallotPicker | null | undefined
) {
	return (e: unknown, i: number, chained: boolean) => {
		const error = entryError(e, i, last, chained);
		if (error) entries.push(error);
		else if (picker && !entries.length) picker.visit(e as LedgerEntry);
	};
}

/**
 * The recount, compared with the stated result, and the signatures over its head; `root` is the
 * Merkle root of an intact chain, null for a broken one (the count then takes the stated hashes).
 */
function conclude(
	record: AssemblyRecord,
	pass: CountPass,
	errors: RecordError[],
	root: Uint8Array | null
): VerifyReport {
	const { ledger } = record;
	const last = ledger.length - 1;
	const head = root
		? { seq: ledger[last].seq, hash: ledger[last].hash, merkleRoot: bytesToHex(root) }
		: undefined;
	const count = finishCount(pass, ledger, head);
	errors.push(...count.errors);
	const result = count.result;
	if (result && record.result !== undefined) {
		const diff = resultDifferences(record.result, result);
		if (diff.length) {
			errors.push({
				code: 'result.mismatch',
				message: `the stated result differs in ${diff.join(', ')}`
			});
		}
	}
	if (result && record.signatures) {
		errors.push(...checkSignatures(record.signatures, record.assembly.id, result));
	}
	return { ok: errors.length === 0, errors, result };
}
