/** Types of the assembly record `gongyi-record/1` (docs/record-format.md). */

export const RECORD_FORMAT = 'gongyi-record/1';

/** Square metres with exactly two decimals, e.g. "89.50" (docs/record-format.md § Conventions). */
export type AreaString = string;
export type HashHex = string;

export interface Weight {
	area: AreaString;
	heads: number;
}

export interface Estate {
	id: string;
	name: string;
	street: string;
	community: string;
}

export type RevoteRule = 'last' | 'first';
export type BlankRule = 'abstain' | 'not_participating';

export interface Rules {
	revote: RevoteRule;
	blank: BlankRule;
}

export interface Assembly {
	id: string;
	title: string;
	form: 'written' | 'meeting';
	opensAt: string;
	closesAt: string;
	rules: Rules;
}

export type OwnerKind = 'person' | 'organization' | 'developer';

export interface Owner {
	id: string;
	kind: OwnerKind;
}

export interface Unit {
	id: string;
	label: string;
	area: AreaString;
	owner: string;
}

export interface Roll {
	owners: Owner[];
	units: Unit[];
	/** Full record only: unit id → { label, salt } opening the committed label; not hashed. */
	openings?: Record<string, { label: string; salt: string }>;
}

export interface Resolution {
	id: string;
	type: 'resolution';
	title: string;
	matter: number;
}

export interface Candidate {
	id: string;
	name: string;
}

export interface Election {
	id: string;
	type: 'election';
	title: string;
	matter: 3;
	seats: number;
	alternates: number;
	candidates: Candidate[];
}

export type Item = Resolution | Election;

export type ResolutionChoice = 'for' | 'against' | 'abstain' | 'spoiled';
/** Distinct candidate ids (at most `seats`, `[]` abstains) or a spoiled paper. */
export type ElectionChoice = string[] | 'spoiled';
export type Choice = ResolutionChoice | ElectionChoice;
export type Channel = 'online' | 'paper' | 'proxy';

interface EntryBase {
	seq: number;
	at: string;
	prev: HashHex;
	hash: HashHex;
}

export interface OpenEntry extends EntryBase {
	type: 'open';
	rollHash: HashHex;
	itemsHash: HashHex;
	assemblyHash: HashHex;
}

export interface BallotEntry extends EntryBase {
	type: 'ballot';
	owner: string;
	channel: Channel;
	choices: Record<string, Choice>;
	nonce: string;
}

export interface CloseEntry extends EntryBase {
	type: 'close';
}

export type LedgerEntry = OpenEntry | BallotEntry | CloseEntry;

/** An entry before its hash is computed: the hash covers exactly these keys. */
export type UnhashedEntry<E extends LedgerEntry = LedgerEntry> = Omit<E, 'hash'>;

export type ResolutionOutcome = 'passed' | 'failed' | 'no_quorum';
export type ElectionOutcome = 'complete' | 'incomplete' | 'no_quorum';
export type CandidateStatus = 'elected' | 'alternate' | 'tied' | 'not_elected';

export interface ResolutionResult {
	participation: Weight;
	quorum: boolean;
	for: Weight;
	against: Weight;
	abstain: Weight;
	spoiled: Weight;
	outcome: ResolutionOutcome;
}

export interface CandidateResult extends Weight {
	status: CandidateStatus;
}

export interface ElectionResult {
	participation: Weight;
	quorum: boolean;
	candidates: Record<string, CandidateResult>;
	outcome: ElectionOutcome;
}

export type ItemResult = ResolutionResult | ElectionResult;

export interface Head {
	seq: number;
	hash: HashHex;
	merkleRoot: HashHex;
}

export interface Result {
	totals: Weight;
	participation: Weight;
	items: Record<string, ItemResult>;
	head: Head;
}

export interface Signature {
	by: 'platform' | 'street';
	alg: 'ed25519';
	publicKey: string;
	signature: string;
}

export interface Receipt {
	assembly: string;
	seq: number;
	hash: HashHex;
	treeSize: number;
	path: HashHex[];
}

export interface AssemblyRecord {
	format: typeof RECORD_FORMAT;
	estate: Estate;
	assembly: Assembly;
	roll: Roll;
	items: Item[];
	ledger: LedgerEntry[];
	result?: Result;
	signatures?: Signature[];
}

/** The verifier's closed set of error codes (docs/record-format.md § The verifier). */
export type RecordErrorCode =
	| 'format'
	| 'chain.seq'
	| 'chain.prev'
	| 'chain.hash'
	| 'roll.hash'
	| 'items.hash'
	| 'assembly.hash'
	| 'ballot.owner'
	| 'ballot.choice'
	| 'result.mismatch'
	| 'signature.invalid';

export interface RecordError {
	code: RecordErrorCode;
	seq?: number;
	message: string;
}

export interface VerifyReport {
	ok: boolean;
	errors: RecordError[];
	result: Result | null;
}
