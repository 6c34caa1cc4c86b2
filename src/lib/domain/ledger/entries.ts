import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalBytes, hashCanonical } from '../record/canonical';
import { nobleSha256, type Sha256 } from '../record/sha256';
import type {
	Assembly,
	BallotEntry,
	Channel,
	Choice,
	CloseEntry,
	Estate,
	Item,
	LedgerEntry,
	OpenEntry,
	Roll
} from '../record/types';

/** `prev` of the entry at seq 0 — docs/record-format.md § The ledger. */
export const ZERO_HASH = '0'.repeat(64);

/** Raw bytes of `H(entry without its "hash" key)` — docs/record-format.md § The ledger. */
export function hashEntryBytes(
	entry: object,
	out: Uint8Array = new Uint8Array(32),
	sha: Sha256 = nobleSha256
): Uint8Array {
	return sha.digestInto(canonicalBytes(entry, 'hash'), out);
}

/** An entry's hash is `H(entry without its "hash" key)`, lowercase hex — docs/record-format.md § The ledger. */
export function hashEntry(entry: object): string {
	return bytesToHex(hashEntryBytes(entry));
}

/** `rollHash = H(roll)` in the open entry — docs/record-format.md § The ledger. */
export function hashRoll(roll: Roll, sha: Sha256 = nobleSha256): string {
	// Only owners and units are hashed: a full record's `roll.openings` sit beside them.
	return hashCanonical({ owners: roll.owners, units: roll.units }, sha);
}

/** `itemsHash = H(items)` in the open entry — docs/record-format.md § The ledger. */
export function hashItems(items: Item[]): string {
	return hashCanonical(items);
}

/** `assemblyHash = H({"estate", "assembly"})` in the open entry — docs/record-format.md § The ledger. */
export function hashAssembly(estate: Estate, assembly: Assembly): string {
	return hashCanonical({ estate, assembly });
}

export interface OpenInput {
	at: string;
	estate: Estate;
	assembly: Assembly;
	roll: Roll;
	items: Item[];
}

/** The open entry (seq 0, prev 64 zeros) fixes the roll, items and assembly — docs/record-format.md § The ledger. */
export function makeOpenEntry(input: OpenInput): OpenEntry {
	// Keys in canonical order, so exporting with JSON.stringify is already JCS key order.
	const entry: OpenEntry = {
		assemblyHash: hashAssembly(input.estate, input.assembly),
		at: input.at,
		hash: '',
		itemsHash: hashItems(input.items),
		prev: ZERO_HASH,
		rollHash: hashRoll(input.roll),
		seq: 0,
		type: 'open'
	};
	entry.hash = hashEntry(entry);
	return entry;
}

export interface BallotInput {
	at: string;
	owner: string;
	channel: Channel;
	choices: Record<string, Choice>;
	/** 32 hex characters from a CSPRNG, supplied by the shell. */
	nonce: string;
}

/** A ballot entry chained to `prev` — docs/record-format.md § The ledger. */
export function makeBallotEntry(prev: LedgerEntry, input: BallotInput): BallotEntry {
	// fromEntries defines own keys, so even an item id like "__proto__" stays a plain key.
	const choices: Record<string, Choice> = Object.fromEntries(
		Object.keys(input.choices)
			.sort()
			.map((id) => [id, input.choices[id]])
	);
	const entry: BallotEntry = {
		at: input.at,
		channel: input.channel,
		choices,
		hash: '',
		nonce: input.nonce,
		owner: input.owner,
		prev: prev.hash,
		seq: prev.seq + 1,
		type: 'ballot'
	};
	entry.hash = hashEntry(entry);
	return entry;
}

/** The close entry ends the ledger — docs/record-format.md § The ledger. */
export function makeCloseEntry(prev: LedgerEntry, at: string): CloseEntry {
	const entry: CloseEntry = { at, hash: '', prev: prev.hash, seq: prev.seq + 1, type: 'close' };
	entry.hash = hashEntry(entry);
	return entry;
}
