import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalBytes } from '../record/canonical';
import { nobleSha256, type LedgerQueue, type Sha256 } from '../record/sha256';
import type { RecordError } from '../record/types';
import { hashEntryBytes, ZERO_HASH } from './entries';

const HEX = new Uint8Array(16);
for (let i = 0; i < 16; i++) HEX[i] = '0123456789abcdef'.charCodeAt(i);

/** Whether `hex` is exactly the lowercase hex of the 32 bytes `digest`, without building a string. */
export function isHexOf(hex: unknown, digest: Uint8Array): boolean {
	if (typeof hex !== 'string' || hex.length !== 64) return false;
	for (let i = 0; i < 32; i++) {
		const b = digest[i];
		if (hex.charCodeAt(2 * i) !== HEX[b >> 4] || hex.charCodeAt(2 * i + 1) !== HEX[b & 15])
			return false;
	}
	return true;
}

/** The seq and prev checks of entry `i`, whose predecessor states hash `prev`. */
function linkError(e: unknown, i: number, prev: unknown): RecordError | null {
	const isObject = typeof e === 'object' && e !== null && !Array.isArray(e);
	const entry = e as Record<string, unknown>;
	if (!isObject || entry.seq !== i) {
		const got = isObject ? JSON.stringify(entry.seq) : 'no seq';
		return { code: 'chain.seq', seq: i, message: `entry at position ${i} has seq ${got}` };
	}
	if (entry.prev !== prev) {
		const message = `entry ${i}: prev does not equal the hash of entry ${i - 1}`;
		return {
			code: 'chain.prev',
			seq: i,
			message: i === 0 ? 'entry 0: prev is not 64 zeros' : message
		};
	}
	return null;
}

/**
 * Checks seq, then prev, then hash of each entry and stops at the first bad link, whose `seq` is
 * the entry's position — docs/record-format.md § The verifier. Each checked entry's hash is
 * written to `digests` at 32 × seq, ready as a Merkle leaf; `sha` computes it. Each entry whose
 * link holds goes to `visit` next, while it is at hand (the verifier checks and counts it there).
 */
export function verifyChain(
	ledger: readonly unknown[],
	digests: Uint8Array = new Uint8Array(32 * ledger.length),
	sha: Sha256 = nobleSha256,
	visit?: (entry: Record<string, unknown>, i: number) => void
): RecordError | null {
	const digest = new Uint8Array(32);
	let prev: unknown = ZERO_HASH;
	for (let i = 0; i < ledger.length; i++) {
		const e = ledger[i] as Record<string, unknown>;
		const link = linkError(e, i, prev);
		if (link) return link;
		hashEntryBytes(e, digest, sha);
		digests.set(digest, 32 * i);
		if (!isHexOf(e.hash, digest)) {
			return {
				code: 'chain.hash',
				seq: i,
				message: `entry ${i}: hash is not H(entry), expected ${bytesToHex(digest)}`
			};
		}
		// The stated hash is the computed one, character for character.
		prev = e.hash;
		if (visit) visit(e, i);
	}
	return null;
}

/**
 * verifyChain with the hashing done by `queue`, on another thread: each entry whose seq and prev
 * hold is pushed and goes to `visit`. Returns the wait for the hashes — the Merkle root when every
 * link holds — or null at once when a seq or prev is wrong or the queue cannot take an entry.
 * Either null leaves the report to verifyChain: it names the first bad link, and `visit` may
 * have seen entries past a bad hash.
 */
export function verifyChainQueued(
	ledger: readonly unknown[],
	queue: LedgerQueue,
	visit: (entry: Record<string, unknown>, i: number) => void
): (() => Uint8Array | null) | null {
	let prev: unknown = ZERO_HASH;
	try {
		for (let i = 0; i < ledger.length; i++) {
			const e = ledger[i] as Record<string, unknown>;
			if (linkError(e, i, prev) || !queue.push(canonicalBytes(e, 'hash'), e.hash)) {
				queue.cancel();
				return null;
			}
			prev = e.hash;
			visit(e, i);
		}
	} catch (e) {
		// A value JSON cannot hold (a caller's object, not a parsed record) stops the other thread too.
		queue.cancel();
		throw e;
	}
	return () => queue.finish();
}
