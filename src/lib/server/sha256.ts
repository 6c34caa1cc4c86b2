import { hash } from 'node:crypto';
import type { Sha256 } from '../domain/record/sha256';
import { workerLedgerQueue } from './ledger-queue';
import { merkleRootOfPackedSimd } from './merkle-simd';

/**
 * SHA-256 from OpenSSL through node:crypto's one-shot `hash` (no Hash object per message): about
 * three times faster per ledger entry than pure JavaScript. For the CLI and the server; the
 * browser keeps @noble/hashes. The Merkle tree is not hashed through OpenSSL, where a native call
 * per 33- or 65-byte message costs more than the compression: merkle-simd.ts hashes four at once.
 */
export const nodeSha256: Sha256 = {
	digestInto(data, out) {
		out.set(hash('sha256', data, 'buffer'));
		return out;
	},
	merkleRootOfPacked: merkleRootOfPackedSimd
};

/**
 * nodeSha256 with a long ledger hashed in a worker thread while the verifier checks and counts it
 * (ledger-queue.ts): for the CLI's verifier, whose thread may wait on Atomics.
 */
export const offThreadSha256: Sha256 = {
	...nodeSha256,
	queueLedger: (n) => workerLedgerQueue(n)
};
