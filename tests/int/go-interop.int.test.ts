import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointBody, signCheckpoint } from '../../src/lib/domain/ledger/checkpoint';
import { consistencyProof, inclusionProof, merkleRoot } from '../../src/lib/domain/ledger/merkle';
import { noteVerifierKey } from '../../src/lib/domain/ledger/note';
import { buildGoChecker, runGoChecker } from '../interop/go-check';

interface GoAnswer {
	notes: { ok: boolean; text: string; verified: string[]; unknown: number; error: string }[];
	records: string[];
	trees: string[];
	roots: string[];
}

// Ledger entry hashes are the leaves: 32 bytes each, as in docs/record-format.md § The Merkle root.
const leaves = Array.from({ length: 13 }, (_, i) => sha256(Uint8Array.of(i)));
const hex = (bs: Uint8Array[]) => bs.map((b) => bytesToHex(b));
const rootOf = (n: number) => bytesToHex(merkleRoot(leaves.slice(0, n)));

describe("the Go team's sumdb/note and sumdb/tlog accept Gongyi's checkpoints and proofs", () => {
	let go: string;
	beforeAll(() => {
		go = buildGoChecker();
	}, 120_000);
	const ask = (req: object) =>
		runGoChecker<GoAnswer>(go, { notes: [], records: [], trees: [], leaves: [], ...req });

	it('note.Open opens our checkpoint notes with our key, and refuses a changed one', () => {
		const secret = sha256(Uint8Array.of(42));
		const key = { name: 'gongyi.example.cn', publicKey: bytesToHex(ed25519.getPublicKey(secret)) };
		const cp = { origin: 'gongyi.example.cn/assemblies/a-1', treeSize: 13, root: rootOf(13) };
		const note = signCheckpoint(cp, key.name, secret);
		const vkey = noteVerifierKey(key);
		const other = noteVerifierKey({
			...key,
			publicKey: bytesToHex(ed25519.getPublicKey(secret.slice().reverse()))
		});
		const a = ask({
			notes: [
				{ note, keys: [vkey] },
				{ note: note.replace('\n13\n', '\n12\n'), keys: [vkey] },
				{ note, keys: [other] }
			]
		});
		expect(a.notes[0]).toMatchObject({ ok: true, text: checkpointBody(cp), verified: [key.name] });
		expect(a.notes[1].ok).toBe(false);
		expect(a.notes[2]).toMatchObject({
			ok: false,
			error: expect.stringMatching(/unknown key|no verifiable/)
		});
	});

	it('tlog.TreeHash agrees with our Merkle root for every tree size', () => {
		expect(ask({ leaves: hex(leaves) }).roots).toEqual(leaves.map((_, i) => rootOf(i + 1)));
	});

	it('tlog.CheckRecord accepts every inclusion proof we make, and refuses a wrong leaf', () => {
		const records = [];
		for (let n = 1; n <= leaves.length; n++)
			for (let i = 0; i < n; i++)
				records.push({
					leaf: bytesToHex(leaves[i]),
					index: i,
					treeSize: n,
					root: rootOf(n),
					proof: hex(inclusionProof(leaves, i, n))
				});
		const bad = { ...records[40], leaf: bytesToHex(leaves[0]) };
		const a = ask({ records: [...records, bad] });
		expect(a.records.slice(0, -1).every((e) => e === '')).toBe(true);
		expect(a.records.length).toBe(records.length + 1);
		expect(a.records.at(-1)).not.toBe('');
	});

	it('tlog.CheckTree accepts every consistency proof we make, and refuses a forked tree', () => {
		const trees = [];
		for (let n = 2; n <= leaves.length; n++)
			for (let m = 1; m < n; m++)
				trees.push({
					size1: m,
					root1: rootOf(m),
					size2: n,
					root2: rootOf(n),
					proof: hex(consistencyProof(leaves, m, n))
				});
		const forked = { ...trees[20], root1: bytesToHex(sha256(Uint8Array.of(99))) };
		const a = ask({ trees: [...trees, forked] });
		expect(a.trees.slice(0, -1).every((e) => e === '')).toBe(true);
		expect(a.trees.at(-1)).not.toBe('');
	});
});
