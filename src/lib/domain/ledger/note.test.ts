import { bytesToHex } from '@noble/hashes/utils.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { noteVerifierKey, openNote, parseNoteVerifierKey, signNote, unb64 } from './note';

// The example of golang.org/x/mod/sumdb/note's documentation (note.go, "Generating Keys" / "Signing
// Notes"): Peter Neumann's key and the note it signs.
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
	"If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE =
	TEXT +
	'\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('signed notes against the sumdb/note documentation example', () => {
	const key = parseNoteVerifierKey(VKEY)!;
	const seed = unb64(SKEY.split('+').slice(4).join('+')).slice(1);

	it('reads the verifier key, and writes it back identically from the public key', () => {
		expect(key.name).toBe('PeterNeumann');
		expect(key.publicKey).toBe(bytesToHex(ed25519.getPublicKey(seed)));
		expect(noteVerifierKey(key)).toBe(VKEY);
	});
	it('opens the documented note with the documented key', () => {
		expect(openNote(NOTE, [key])).toEqual({ ok: true, body: TEXT, key });
	});
	it('signs the documented text to the documented note, byte for byte (Ed25519 is deterministic)', () => {
		expect(signNote(TEXT, 'PeterNeumann', seed)).toBe(NOTE);
	});
	it('refuses a changed text, an unknown signer, a wrong key hash and a malformed key', () => {
		expect(openNote(NOTE.replace('answer', 'Answer'), [key])).toEqual({
			ok: false,
			code: 'note.signature'
		});
		expect(openNote(NOTE, [{ ...key, name: 'Someone' }]).ok).toBe(false);
		expect(parseNoteVerifierKey(VKEY.replace('c74f20a3', 'c74f20a4'))).toBeNull();
		expect(parseNoteVerifierKey('PeterNeumann+c74f20a3+AAAA')).toBeNull();
		expect(openNote('no blank line\n', [key])).toEqual({ ok: false, code: 'note.format' });
	});
});
