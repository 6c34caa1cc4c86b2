import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { checkpointBody, signCheckpoint, verifyCheckpointNote } from './checkpoint';

const secret = new Uint8Array(32).fill(7);
const pub = bytesToHex(ed25519.getPublicKey(secret));
const cp = { origin: 'example.org/assemblies/a1', treeSize: 42, root: 'ab'.repeat(32) };

describe('checkpoint notes (C2SP tlog-checkpoint / signed-note)', () => {
	it('has the three body lines: origin, decimal size, base64 root', () => {
		expect(checkpointBody(cp)).toBe(
			`example.org/assemblies/a1\n42\n${btoa(String.fromCharCode(...new Uint8Array(32).fill(0xab)))}\n`
		);
	});
	it('signs and verifies a note, and returns the checkpoint it states', () => {
		const note = signCheckpoint(cp, 'example.org', secret);
		expect(note).toMatch(/\n\n\u2014 example\.org \S+\n$/);
		expect(verifyCheckpointNote(note, 'example.org', pub)).toEqual({
			ok: true,
			checkpoint: cp,
			key: { name: 'example.org', publicKey: pub }
		});
	});
	it('refuses a changed tree size, another key, or a mangled note', () => {
		const note = signCheckpoint(cp, 'example.org', secret);
		expect(verifyCheckpointNote(note.replace('\n42\n', '\n43\n'), 'example.org', pub)).toEqual({
			ok: false,
			code: 'note.signature'
		});
		const other = bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(8)));
		expect(verifyCheckpointNote(note, 'example.org', other).ok).toBe(false);
		expect(verifyCheckpointNote('garbage', 'example.org', pub)).toEqual({
			ok: false,
			code: 'note.format'
		});
	});
});
