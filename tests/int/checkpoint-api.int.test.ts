import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { isHttpError } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openCheckpointNote } from '../../src/lib/domain/ledger/checkpoint';
import { merkleRoot } from '../../src/lib/domain/ledger/merkle';
import { verifyReceipt } from '../../src/lib/domain/ledger/receipt';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import type { Db } from '../../src/lib/server/db/client';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { entryHashes } from '../../src/lib/server/ledger/store';
import { checkpointForVerify } from '../../src/lib/server/live/ledger-view';
import { checkReceipt } from '../../src/lib/verify/receipt';
import { GET } from '../../src/routes/api/assemblies/[assemblyId]/checkpoint/+server';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

// The checkpoint format: docs/record-format.md § Checkpoints; receipts: § Receipts.
const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

/** The public endpoint, called through its SvelteKit handler: status, JSON body, headers. */
async function getCheckpoint(db: Db, path: string) {
	const url = new URL(path, 'http://localhost');
	const assemblyId = decodeURIComponent(url.pathname.split('/')[3]);
	try {
		const res = await GET({ locals: { db }, params: { assemblyId }, url } as never);
		return { status: res.status, body: await res.json(), headers: res.headers };
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return { status: e.status, body: e.body, headers: new Headers() };
	}
}

describeEngines('public checkpoint endpoint and checkpointForVerify', (db) => {
	/** An open assembly with `ballots` ballots and a checkpoint after each batch in `checkpointsAt`. */
	async function ledgerWith(id: string, ballots: number, checkpointsAt: number[]) {
		const a = await announcedAssembly(db(), { id });
		forgetVotingContext(id);
		expect(await openAssembly(db(), id, a.staffId)).toEqual({ ok: true });
		const owners = await queryRows<{ id: string }>(
			db(),
			sql`select owner_id as id from assembly_voter where assembly_id = ${id} order by owner_id limit ${ballots}`
		);
		expect(owners).toHaveLength(ballots);
		const receipts = [];
		for (let i = 0; i < ballots; i++) {
			const r = await castBallot(db(), {
				assemblyId: id,
				ownerId: owners[i].id,
				accountId: `acc-${i}`,
				choices
			});
			if (!r.ok) throw new Error(r.code);
			receipts.push(r.receipt);
			if (checkpointsAt.includes(i + 1)) expect(await makeCheckpoint(db(), id)).not.toBeNull();
		}
		return { ...a, receipts, hashes: await entryHashes(db(), id) };
	}

	it('answers 404 not_found for an unknown assembly and one whose ledger is not public yet', async () => {
		await announcedAssembly(db(), { id: 'asm-announced' });
		for (const id of ['asm-nope', 'asm-announced'])
			expect(await getCheckpoint(db(), `/api/assemblies/${id}/checkpoint`)).toMatchObject({
				status: 404,
				body: { message: 'not_found' }
			});
	});

	it('answers 404 no_checkpoint for an open ledger before its first checkpoint', async () => {
		await ledgerWith('asm-fresh', 1, []);
		expect(await getCheckpoint(db(), '/api/assemblies/asm-fresh/checkpoint')).toMatchObject({
			status: 404,
			body: { message: 'no_checkpoint' }
		});
		expect(await checkpointForVerify(db(), 'asm-fresh')).toBeNull();
	});

	it('gives the latest signed checkpoint: its note opens with the key and names the right root', async () => {
		const a = await ledgerWith('asm-cp', 5, [3, 5]);
		const res = await getCheckpoint(db(), '/api/assemblies/asm-cp/checkpoint');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const cp = res.body;
		expect(cp).toMatchObject({ treeSize: a.hashes.length, number: 2, count: 2, proof: null });
		expect(cp.root).toBe(bytesToHex(merkleRoot(a.hashes.map((h) => hexToBytes(h)))));
		expect(cp.keys).toHaveLength(1);
		expect(cp.keys[0]).toMatchObject({ name: cp.keyName, publicKey: cp.publicKey });
		// No street witnesses yet: the cosigned note is the platform's note alone.
		expect(cp.witnesses).toEqual([]);
		expect(cp.cosigned).toBe(cp.note);
		const opened = openCheckpointNote(cp.note, [{ name: cp.keyName, publicKey: cp.publicKey }]);
		expect(opened).toMatchObject({
			ok: true,
			checkpoint: {
				origin: expect.stringMatching(/\/assemblies\/asm-cp$/),
				treeSize: a.hashes.length,
				root: cp.root
			}
		});
		// The handler answers what the use case returns, nothing added or dropped.
		expect(cp).toEqual(JSON.parse(JSON.stringify(await checkpointForVerify(db(), 'asm-cp'))));
	});

	it('gives the checkpoint of a given tree size, and 404 for a size no checkpoint has', async () => {
		const a = await ledgerWith('asm-sizes', 5, [3, 5]);
		const first = a.receipts[2].seq + 1;
		const res = await getCheckpoint(db(), `/api/assemblies/asm-sizes/checkpoint?treeSize=${first}`);
		expect(res).toMatchObject({ status: 200, body: { treeSize: first, number: 1, count: 2 } });
		expect(res.body.root).toBe(
			bytesToHex(merkleRoot(a.hashes.slice(0, first).map((h) => hexToBytes(h))))
		);
		expect(
			await getCheckpoint(db(), `/api/assemblies/asm-sizes/checkpoint?treeSize=${first + 1}`)
		).toMatchObject({ status: 404, body: { message: 'no_checkpoint' } });
		expect(await checkpointForVerify(db(), 'asm-sizes', { treeSize: first + 1 })).toBeNull();
	});

	it('adds the inclusion path of an entry with ?seq, which proves it against the signed root', async () => {
		const a = await ledgerWith('asm-seq', 4, [4]);
		for (const r of a.receipts) {
			const { status, body } = await getCheckpoint(
				db(),
				`/api/assemblies/asm-seq/checkpoint?seq=${r.seq}`
			);
			expect(status).toBe(200);
			expect(body.proof).toMatchObject({ seq: r.seq, hash: r.hash });
			const receipt = { assembly: 'asm-seq', seq: r.seq, hash: r.hash, path: body.proof.path };
			expect(
				verifyReceipt({ ...receipt, treeSize: body.treeSize }, r.hash, body.root, body.treeSize)
			).toEqual({ ok: true });
		}
		// An entry beyond the checkpoint's tree has no path in it (yet).
		const beyond = await getCheckpoint(
			db(),
			`/api/assemblies/asm-seq/checkpoint?seq=${a.hashes.length}`
		);
		expect(beyond).toMatchObject({ status: 200, body: { proof: null } });
		expect((await checkpointForVerify(db(), 'asm-seq', { seq: -1 }))!.proof).toBeNull();
	});

	it('refuses a tree size or seq that is not a whole number in range with 400 bad_request', async () => {
		await ledgerWith('asm-bad', 1, [1]);
		for (const query of ['treeSize=0', 'treeSize=abc', 'treeSize=1.5', 'seq=-1', 'seq=x'])
			expect(
				await getCheckpoint(db(), `/api/assemblies/asm-bad/checkpoint?${query}`),
				query
			).toMatchObject({ status: 400, body: { message: 'bad_request' } });
	});

	it("the verify page's receipt check passes through the endpoint, with and without a path", async () => {
		const a = await ledgerWith('asm-verify', 3, [2]);
		const fetchFn = async (url: string) => {
			const { status, body } = await getCheckpoint(db(), url);
			return new Response(JSON.stringify(body), { status });
		};
		const [r0, , r2] = a.receipts;
		// Issued with the first checkpoint's path: checked against that very checkpoint.
		const cp = (await checkpointForVerify(db(), 'asm-verify', { seq: r0.seq }))!;
		const held = { assembly: 'asm-verify', seq: r0.seq, hash: r0.hash, treeSize: cp.treeSize };
		expect(await checkReceipt({ ...held, path: cp.proof!.path }, fetchFn)).toMatchObject({
			step: 'done',
			ok: true,
			number: 1,
			treeSize: cp.treeSize
		});
		// The third ballot came after it: not yet in a checkpoint, then proven once one is made.
		const late = { assembly: 'asm-verify', seq: r2.seq, hash: r2.hash };
		expect(await checkReceipt(late, fetchFn)).toMatchObject({ step: 'inclusion', code: 'notYet' });
		expect(await makeCheckpoint(db(), 'asm-verify')).not.toBeNull();
		expect(await checkReceipt(late, fetchFn)).toMatchObject({ step: 'done', ok: true, number: 2 });
		// Another hash at that seq fails the inclusion step.
		const forged = { ...late, hash: a.hashes[0] };
		expect(await checkReceipt(forged, fetchFn)).toMatchObject({
			step: 'inclusion',
			ok: false,
			code: 'receipt.path'
		});
		expect(await checkReceipt({ ...late, assembly: 'asm-nope' }, fetchFn)).toEqual({
			step: 'fetch',
			code: 'notFound'
		});
	});
});
