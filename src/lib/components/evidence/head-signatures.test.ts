import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { signHead } from '$lib/domain/signature';
import type { Head } from '$lib/domain/record/types';
import { checkHeadSignatures } from './head-signatures';

const head: Head = { seq: 7, hash: 'aa'.repeat(32), merkleRoot: 'bb'.repeat(32) };
const platform = signHead(sha256(Uint8Array.of(1)), 'platform', 'a-1', head);
const street = signHead(sha256(Uint8Array.of(2)), 'street', 'a-1', head);
const states = (l: ReturnType<typeof checkHeadSignatures>) => l.map((x) => `${x.by}:${x.state}`);

describe('checkHeadSignatures (docs/record-format.md § Signatures)', () => {
	it('verifies the platform signature and the street countersignature, each on its own line', () => {
		expect(states(checkHeadSignatures('a-1', head, [street, platform]))).toEqual([
			'platform:ok',
			'street:ok'
		]);
	});

	it('names the one that fails in a tampered copy', () => {
		const flipped = { ...street, signature: 'cd' + street.signature.slice(2) };
		expect(states(checkHeadSignatures('a-1', head, [platform, flipped]))).toEqual([
			'platform:ok',
			'street:bad'
		]);
		// Another assembly's head: both fail.
		expect(states(checkHeadSignatures('a-2', head, [platform, street]))).toEqual([
			'platform:bad',
			'street:bad'
		]);
	});

	it('says which signer is missing', () => {
		expect(states(checkHeadSignatures('a-1', head, [platform]))).toEqual([
			'platform:ok',
			'street:missing'
		]);
		expect(states(checkHeadSignatures('a-1', head, []))).toEqual([
			'platform:missing',
			'street:missing'
		]);
	});

	it('flags a valid signature under a key the platform did not publish for the assembly', () => {
		const forged = signHead(sha256(Uint8Array.of(3)), 'street', 'a-1', head);
		expect(
			states(checkHeadSignatures('a-1', head, [platform, forged], [platform, street]))
		).toEqual(['platform:ok', 'street:foreign']);
		expect(states(checkHeadSignatures('a-1', head, [platform, street], null))).toEqual([
			'platform:ok',
			'street:ok'
		]);
	});
});
