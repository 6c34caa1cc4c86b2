import { describe, expect, it } from 'vitest';
import { headMessage, signHead, verifyHeadSignature } from './signature';

const head = { seq: 9, hash: 'ab'.repeat(32), merkleRoot: 'cd'.repeat(32) };
const key = new Uint8Array(32).fill(7);

// docs/record-format.md § Signatures (Ed25519, RFC 8032).
describe('head signatures over the head, refused for another head, assembly or key', () => {
	it('signs the UTF-8 JCS of {assembly, seq, hash, merkleRoot}', () => {
		const text = new TextDecoder().decode(headMessage('a1', head));
		expect(text).toBe(
			`{"assembly":"a1","hash":"${head.hash}","merkleRoot":"${head.merkleRoot}","seq":9}`
		);
	});
	it('verifies its own signature and rejects another head, assembly or key', () => {
		const sig = signHead(key, 'platform', 'a1', head);
		expect(sig).toMatchObject({ by: 'platform', alg: 'ed25519' });
		expect(verifyHeadSignature(sig, 'a1', head)).toBe(true);
		expect(verifyHeadSignature(sig, 'a2', head)).toBe(false);
		expect(verifyHeadSignature(sig, 'a1', { ...head, seq: 10 })).toBe(false);
		const other = signHead(new Uint8Array(32).fill(8), 'street', 'a1', head);
		expect(verifyHeadSignature({ ...sig, publicKey: other.publicKey }, 'a1', head)).toBe(false);
		expect(verifyHeadSignature({ ...sig, publicKey: 'zz' }, 'a1', head)).toBe(false);
	});
});
