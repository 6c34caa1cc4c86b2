import type { RecordError } from './types';
import { RECORD_FORMAT } from './types';

/** Ids are ASCII, so key order is plain byte order (docs/record-format.md § Conventions). */
export const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const HASH = /^[0-9a-f]{64}$/;

/** The form isTime accepts: d for an ASCII digit, any other character for itself. */
const TIME_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';

/**
 * An RFC 3339 UTC time with milliseconds ("2026-11-22T09:00:01.238Z"), checked character by
 * character: every ledger entry has one, and a regular expression costs 5× more.
 */
function isTime(x: unknown): boolean {
	if (typeof x !== 'string' || x.length !== 24) return false;
	for (let i = 0; i < 24; i++) {
		const c = x.charCodeAt(i);
		const want = TIME_SHAPE.charCodeAt(i);
		if (want === 0x64 /* d */ ? c < 0x30 || c > 0x39 : c !== want) return false;
	}
	return true;
}

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown) => typeof x === 'string' && ID.test(x);
const isInt = (x: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
	Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max;
const format = (message: string, seq?: number): RecordError =>
	seq === undefined ? { code: 'format', message } : { code: 'format', seq, message };

/** The top level needs format "gongyi-record/1" and the five sections; without them nothing can be checked (docs/record-format.md § The record's fields). */
export function checkTopLevel(x: unknown): RecordError[] {
	if (!isObject(x)) return [format('the record is not a JSON object')];
	if (x.format !== RECORD_FORMAT)
		return [format(`format is ${JSON.stringify(x.format)}, not "${RECORD_FORMAT}"`)];
	const errors: RecordError[] = [];
	for (const k of ['estate', 'assembly', 'roll'])
		if (!isObject(x[k])) errors.push(format(`${k} is not an object`));
	for (const k of ['items', 'ledger'])
		if (!Array.isArray(x[k])) errors.push(format(`${k} is not an array`));
	if (x.result !== undefined && !isObject(x.result)) errors.push(format('result is not an object'));
	if (x.signatures !== undefined && !Array.isArray(x.signatures))
		errors.push(format('signatures is not an array'));
	return errors;
}

/** Estate ids and names, the assembly's form, times and counting rules (docs/record-format.md § The record's fields). */
export function checkEstateAndAssembly(estate: unknown, assembly: unknown): RecordError[] {
	if (!isObject(estate) || !isObject(assembly))
		return [format('estate and assembly must be objects')];
	const errors: RecordError[] = [];
	if (!isId(estate.id)) errors.push(format('estate.id is not an id'));
	for (const k of ['name', 'street', 'community']) {
		if (typeof estate[k] !== 'string') errors.push(format(`estate.${k} is not a string`));
	}
	const rules = assembly.rules as Obj;
	if (!isId(assembly.id)) errors.push(format('assembly.id is not an id'));
	if (typeof assembly.title !== 'string') errors.push(format('assembly.title is not a string'));
	if (assembly.form !== 'written' && assembly.form !== 'meeting')
		errors.push(format('assembly.form is not written|meeting'));
	for (const k of ['opensAt', 'closesAt']) {
		if (!isTime(assembly[k]))
			errors.push(format(`assembly.${k} is not an RFC 3339 UTC time with milliseconds`));
	}
	if (
		!isObject(rules) ||
		(rules.revote !== 'last' && rules.revote !== 'first') ||
		(rules.blank !== 'abstain' && rules.blank !== 'not_participating')
	) {
		errors.push(
			format('assembly.rules needs revote last|first and blank abstain|not_participating')
		);
	}
	return errors;
}

function itemProblem(item: Obj): string | null {
	if (typeof item.title !== 'string') return 'has no title';
	if (item.type === 'resolution') return isInt(item.matter, 1, 9) ? null : 'matter is not 1..9';
	if (item.type !== 'election') return 'type is not resolution|election';
	if (item.matter !== 3) return 'an election is matter 3';
	if (!isInt(item.seats, 1) || !isInt(item.alternates, 0))
		return 'needs seats >= 1 and alternates >= 0';
	if (!Array.isArray(item.candidates)) return 'candidates is not an array';
	const ids = new Set<unknown>();
	for (const c of item.candidates as unknown[]) {
		if (!isObject(c) || !isId(c.id) || typeof c.name !== 'string')
			return 'a candidate needs an id and a name';
		if (ids.has(c.id)) return `candidate ${c.id} is listed twice`;
		ids.add(c.id);
	}
	return null;
}

/** Resolutions with matter 1..9 and elections with seats, alternates and candidates (docs/record-format.md § Items). */
export function checkItems(items: unknown[]): RecordError[] {
	const errors: RecordError[] = [];
	const ids = new Set<unknown>();
	for (const item of items) {
		const id = isObject(item) ? item.id : undefined;
		const problem =
			!isObject(item) || !isId(id)
				? 'needs an id'
				: ids.has(id)
					? 'is listed twice'
					: itemProblem(item);
		if (problem) errors.push(format(`item ${JSON.stringify(id ?? item)} ${problem}`));
		ids.add(id);
	}
	return errors;
}

const ENTRY_KEYS: Record<string, string[]> = {
	open: ['assemblyHash', 'at', 'hash', 'itemsHash', 'prev', 'rollHash', 'seq', 'type'],
	ballot: ['at', 'channel', 'choices', 'hash', 'nonce', 'owner', 'prev', 'seq', 'type'],
	close: ['at', 'hash', 'prev', 'seq', 'type']
};
const CHANNELS = new Set(['online', 'paper', 'proxy']);

/** Whether `e` has own keys `keys` and no other (Object.keys of parsed JSON is V8's cached list). */
function hasExactlyKeys(e: Obj, keys: readonly string[]): boolean {
	if (Object.keys(e).length !== keys.length) return false;
	for (let i = 0; i < keys.length; i++) if (!Object.hasOwn(e, keys[i])) return false;
	return true;
}

/** 32 lowercase hex characters, checked without a regular expression: a million ballots have one each. */
function isNonce(x: unknown): boolean {
	if (typeof x !== 'string' || x.length !== 32) return false;
	for (let i = 0; i < 32; i++) {
		const c = x.charCodeAt(i);
		if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
	}
	return true;
}

function entryProblem(e: unknown, i: number, last: number, chained: boolean): string | null {
	if (!isObject(e)) return 'is not an object';
	const keys = ENTRY_KEYS[e.type as string];
	if (!keys) return `has type ${JSON.stringify(e.type)}`;
	if ((e.type === 'open') !== (i === 0)) return 'the open entry must be first, and only there';
	if ((e.type === 'close') !== (i === last)) return 'the close entry must be last, and only there';
	if (!hasExactlyKeys(e, keys)) return `needs exactly the keys ${keys.join(', ')}`;
	// Entries the chain check passed already have a valid seq, prev and hash.
	if (
		!chained &&
		(!isInt(e.seq, 0) || !HASH.test(e.prev as string) || !HASH.test(e.hash as string))
	)
		return 'needs an integer seq and hex prev and hash';
	if (!isTime(e.at)) return 'at is not an RFC 3339 UTC time with milliseconds';
	if (
		e.type === 'open' &&
		![e.rollHash, e.itemsHash, e.assemblyHash].every((h) => HASH.test(h as string))
	)
		return 'needs hex rollHash, itemsHash and assemblyHash';
	if (e.type === 'ballot' && !CHANNELS.has(e.channel as string))
		return 'channel is not online|paper|proxy';
	if (e.type === 'ballot' && !isNonce(e.nonce)) return 'nonce is not 32 hex characters';
	return null;
}

/** A ledger needs at least an open and a close entry; then each entry goes to entryError. */
export function ledgerTooShort(ledger: unknown[]): RecordError | null {
	return ledger.length < 2 ? format('the ledger needs at least an open and a close entry') : null;
}

/**
 * The entry at `i` of a ledger whose last index is `last`: its keys and their forms, the open
 * entry first and the close entry last (docs/record-format.md § The ledger). A `chained` entry
 * passed the chain check, so its seq, prev and hash hold.
 */
export function entryError(
	e: unknown,
	i: number,
	last: number,
	chained: boolean
): RecordError | null {
	const problem = entryProblem(e, i, last, chained);
	return problem ? format(`entry ${i} ${problem}`, i) : null;
}

/** A signature names who signed, with alg "ed25519" (docs/record-format.md § Signatures). */
export function checkSignatureShape(s: unknown, i: number): RecordError | null {
	if (isObject(s) && (s.by === 'platform' || s.by === 'street') && s.alg === 'ed25519') return null;
	return format(`signature ${i} needs by platform|street and alg ed25519`);
}
