import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '$lib/domain/ledger/checkpoint';
import { cosign } from '$lib/domain/ledger/cosignature';
import { splitNote } from '$lib/domain/ledger/note';
import { merkleRoot } from '$lib/domain/ledger/merkle';
import { makeReceipt } from '$lib/domain/ledger/receipt';
import {
	checkReceipt,
	lookupHash,
	parseReceipt,
	readReceiptInput,
	receiptLink,
	type CheckpointAnswer
} from './receipt';

const hashes = Array.from({ length: 7 }, (_, i) => bytesToHex(new Uint8Array(32).fill(i + 1)));
const secret = new Uint8Array(32).fill(9);
const publicKey = bytesToHex(ed25519.getPublicKey(secret));
const root = bytesToHex(merkleRoot(hashes.map((h) => hexToBytes(h))));
const note = signCheckpoint(
	{ origin: 'example.org/assemblies/asm-1', treeSize: 7, root },
	'example.org',
	secret
);
const receipt = makeReceipt('asm-1', hashes, 3);

/** The checkpoint endpoint as the page sees it, over real signed data. */
function server(answer: Partial<CheckpointAnswer> = {}) {
	const body: CheckpointAnswer = {
		note,
		treeSize: 7,
		root,
		publicKey,
		keyName: 'example.org',
		number: 2,
		count: 3,
		proof: null,
		...answer
	};
	return async (url: string) => {
		const seq = new URL(url, 'http://x').searchParams.get('seq');
		const proof = seq ? { seq: Number(seq), hash: hashes[Number(seq)], path: receipt.path } : null;
		return new Response(JSON.stringify({ ...body, proof: body.proof ?? proof }));
	};
}

describe('receipt on the verify page', () => {
	it('reads the JSON, the QR link and the bare base64url payload alike', () => {
		const link = receiptLink('https://gongyi.example', receipt);
		expect(link).toMatch(/^https:\/\/gongyi\.example\/verify\?receipt=[A-Za-z0-9_-]+$/);
		expect(parseReceipt(JSON.stringify(receipt))).toEqual(receipt);
		expect(parseReceipt(link)).toEqual(receipt);
		expect(parseReceipt(link.split('receipt=')[1])).toEqual(receipt);
		expect(parseReceipt('{"assembly":"a","seq":1}')).toBeNull();
		expect(parseReceipt('hello')).toBeNull();
	});

	it('verifies signature and inclusion in the browser; a changed hash or key fails', async () => {
		expect(await checkReceipt(receipt, server())).toEqual({
			step: 'done',
			ok: true,
			number: 2,
			count: 3,
			treeSize: 7,
			keyHex: publicKey,
			cosignedBy: [],
			witnessed: false
		});
		// A receipt with only seq and hash: the server's path, checked against the signed root.
		const bare = { assembly: 'asm-1', seq: 3, hash: hashes[3] };
		expect(await checkReceipt(bare, server())).toMatchObject({ step: 'done' });
		expect(await checkReceipt({ ...bare, hash: 'ab'.repeat(32) }, server())).toMatchObject({
			step: 'inclusion',
			code: 'receipt.path'
		});
		const otherKey = bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(8)));
		expect(await checkReceipt(receipt, server({ publicKey: otherKey }))).toMatchObject({
			step: 'signature',
			code: 'note.signature'
		});
		// The JSON's root is ignored: only what the signed note says counts.
		expect(await checkReceipt(receipt, server({ root: 'cd'.repeat(32) }))).toMatchObject({
			step: 'done'
		});
		expect(await checkReceipt({ ...receipt, assembly: 'asm-2' }, server())).toMatchObject({
			step: 'signature',
			code: 'note.origin'
		});
	});

	it('says when there is no checkpoint yet', async () => {
		const none = async () =>
			new Response(JSON.stringify({ message: 'no_checkpoint' }), { status: 404 });
		expect(await checkReceipt(receipt, none)).toEqual({ step: 'fetch', code: 'noCheckpoint' });
	});
});

describe('what the verify page accepts', () => {
	it('takes the hash alone (any case) as a look-up, and a receipt as a receipt', () => {
		expect(readReceiptInput(` ${hashes[3].toUpperCase()} `)).toEqual({
			kind: 'hash',
			hash: hashes[3]
		});
		expect(readReceiptInput(JSON.stringify(receipt))).toEqual({ kind: 'receipt', receipt });
		expect(readReceiptInput(hashes[3].slice(1))).toBeNull();
	});

	it('looks a hash up: found, unknown, or the server could not be asked', async () => {
		const found = async () => new Response(JSON.stringify({ assembly: 'asm-1', seq: 3 }));
		expect(await lookupHash(hashes[3], found)).toEqual({
			assembly: 'asm-1',
			seq: 3,
			hash: hashes[3]
		});
		expect(await lookupHash(hashes[3], async () => new Response('{}', { status: 404 }))).toBe(null);
		expect(
			await lookupHash(hashes[3], async () => {
				throw new TypeError('offline');
			})
		).toBe('network');
	});

	it('says the checkpoint is cosigned by the street only when its cosignature verifies', async () => {
		const streetSecret = new Uint8Array(32).fill(5);
		const street = {
			name: 'gongyi-street/s-1',
			publicKey: bytesToHex(ed25519.getPublicKey(streetSecret)),
			street: '幸福街道'
		};
		const line = cosign(splitNote(note)!.body, street.name, streetSecret, 1_700_000_000);
		const cosigned = `${note}${line}\n`;
		expect(await checkReceipt(receipt, server({ cosigned, witnesses: [street] }))).toMatchObject({
			step: 'done',
			cosignedBy: ['幸福街道'],
			witnessed: true
		});
		// Not yet cosigned, or a line by another key: no such claim.
		expect(
			await checkReceipt(receipt, server({ cosigned: note, witnesses: [street] }))
		).toMatchObject({
			cosignedBy: [],
			witnessed: true
		});
		const other = cosign(splitNote(note)!.body, street.name, new Uint8Array(32).fill(6), 1);
		expect(
			await checkReceipt(receipt, server({ cosigned: `${note}${other}\n`, witnesses: [street] }))
		).toMatchObject({ cosignedBy: [] });
	});
});
