import type { Head, Signature } from '$lib/domain/record/types';
import { verifyHeadSignature } from '$lib/domain/signature';

/**
 * One line per signer: `ok` verifies over the head (and is the published key, when there is one to
 * compare with); `bad` does not verify; `foreign` verifies but under a key the platform did not
 * publish for this assembly; `missing` is a signer the result should carry and does not.
 */
export type HeadSignatureState = 'ok' | 'bad' | 'foreign' | 'missing';
export interface HeadSignatureLine {
	by: Signature['by'];
	state: HeadSignatureState;
	publicKey?: string;
}

/**
 * Checks each Ed25519 signature over the result's head — docs/record-format.md § Signatures.
 * `published`: the signatures the platform serves for the assembly, or null/undefined when there is
 * nothing to compare keys with (a record from elsewhere, or the public ledger page itself).
 */
export function checkHeadSignatures(
	assemblyId: string,
	head: Head,
	signatures: readonly Signature[],
	published?: readonly Signature[] | null
): HeadSignatureLine[] {
	const lines: HeadSignatureLine[] = signatures.map((s) => {
		const valid = verifyHeadSignature(s, assemblyId, head);
		const known = !published || published.some((p) => p.by === s.by && p.publicKey === s.publicKey);
		return {
			by: s.by,
			state: !valid ? 'bad' : known ? 'ok' : 'foreign',
			publicKey: s.publicKey
		};
	});
	for (const by of ['platform', 'street'] as const)
		if (!signatures.some((s) => s.by === by)) lines.push({ by, state: 'missing' });
	return lines.sort((a, b) => (a.by === b.by ? 0 : a.by === 'platform' ? -1 : 1));
}
