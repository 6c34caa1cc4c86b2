import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from './checkpoint';
import {
	checkExtension,
	cosign,
	cosignedMessage,
	parseCosignatureLine,
	verifyCosignature
} from './cosignature';
import { consistencyProof, merkleRoot } from './merkle';

// The example of C2SP tlog-cosignature: a checkpoint of example.com/behind-the-sofa cosigned by
// witness.example.com/w1 at time 1679315147.
const EXAMPLE_BODY =
	'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const EXAMPLE_LINE =
	'\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';

const secret = sha256(Uint8Array.of(1));
const witness = {
	name: 'gongyi-street/s-hubin',
	publicKey: bytesToHex(ed25519.getPublicKey(secret))
};

describe('cosignature/v1 (C2SP tlog-cosignature)', () => {
	it("reads the spec's example line: key ID, then the big-endian timestamp of its message", () => {
		expect(parseCosignatureLine(EXAMPLE_LINE)).toMatchObject({
			name: 'witness.example.com/w1',
			keyId: '8d66cf3f',
			timestamp: 1679315147
		});
	});
	it("signs the spec's message: header line, time line, the whole checkpoint body", () => {
		expect(new TextDecoder().decode(cosignedMessage(EXAMPLE_BODY, 1679315147))).toBe(
			`cosignature/v1\ntime 1679315147\n${EXAMPLE_BODY}`
		);
	});
	it('a cosigned note verifies for the witness and still opens for the log; a changed one does not', () => {
		const logSecret = sha256(Uint8Array.of(2));
		const note = signCheckpoint(
			{ origin: 'example.org/assemblies/a1', treeSize: 3, root: 'ab'.repeat(32) },
			'example.org',
			logSecret
		);
		const body = note.slice(0, note.indexOf('\n\n') + 1);
		const cosigned = `${note}${cosign(body, witness.name, secret, 1700000000)}\n`;
		expect(verifyCosignature(cosigned, witness)).toBe(1700000000);
		expect(verifyCosignature(note, witness)).toBeNull();
		expect(verifyCosignature(cosigned.replace('\n3\n', '\n4\n'), witness)).toBeNull();
		expect(verifyCosignature(cosigned, { ...witness, name: 'someone/else' })).toBeNull();
	});
});

describe('a witness refuses a forked log', () => {
	const leaves = Array.from({ length: 8 }, (_, i) => sha256(Uint8Array.of(i)));
	const head = (n: number, ls = leaves) => ({
		treeSize: n,
		root: bytesToHex(merkleRoot(ls.slice(0, n)))
	});
	const proof = (m: number, n: number, ls = leaves) => consistencyProof(ls, m, n).map(bytesToHex);

	it('accepts the first checkpoint, the same one again, and a proven extension', () => {
		expect(checkExtension(null, head(3), [])).toEqual({ ok: true });
		expect(checkExtension(head(3), head(3), [])).toEqual({ ok: true });
		expect(checkExtension(head(3), head(8), proof(3, 8))).toEqual({ ok: true });
	});
	it('refuses the same size with another root, a smaller tree, and a tree that is no extension', () => {
		const other = leaves.map((l, i) => (i === 1 ? sha256(Uint8Array.of(99)) : l));
		expect(checkExtension(head(5), head(5, other), [])).toEqual({
			ok: false,
			code: 'fork.sameSize'
		});
		expect(checkExtension(head(5), head(4), [])).toEqual({ ok: false, code: 'fork.smaller' });
		expect(checkExtension(head(3), head(8, other), proof(3, 8, other))).toEqual({
			ok: false,
			code: 'fork.inconsistent'
		});
	});
});
