import { bytesToHex } from '@noble/hashes/utils.js';
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import type { Db } from '../../src/lib/server/db/client';
import { makeCheckpoint, receiptProof } from '../../src/lib/server/ledger/checkpoints';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { countAndStore, publishResult } from '../../src/lib/server/ledger/result';
import {
	checkpointForVerify,
	ledgerView,
	publicAssembly
} from '../../src/lib/server/live/ledger-view';
import { checkCheckpoints } from '../../src/routes/assemblies/[assemblyId]/ledger/checks';
import { checkReceipt, type HeldReceipt } from '../../src/lib/verify/receipt';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const saved = {
	ORIGIN: process.env.ORIGIN,
	PORT: process.env.PORT,
	KEY: process.env.GONGYI_SIGNING_KEY
};
function serveAt(origin: string, port: string) {
	process.env.ORIGIN = origin;
	process.env.PORT = port;
}
afterEach(() => {
	for (const [k, v] of [
		['ORIGIN', saved.ORIGIN],
		['PORT', saved.PORT],
		['GONGYI_SIGNING_KEY', saved.KEY]
	] as const) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
});

/** The verify page's receipt check, with the public checkpoint endpoint answered by its use case. */
function checkHeld(db: Db, r: HeldReceipt) {
	return checkReceipt(r, async (url) => {
		const u = new URL(url, 'http://any');
		const q = Object.fromEntries([...u.searchParams].map(([k, v]) => [k, Number(v)]));
		const cp = await checkpointForVerify(db, r.assembly, q);
		return new Response(JSON.stringify(cp ?? { message: 'no_checkpoint' }), {
			status: cp ? 200 : 404
		});
	});
}

const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

describeEngines('durable log identity', (db) => {
	it('a move to another ORIGIN and PORT, then a key rotation, leave all earlier evidence valid', async () => {
		delete process.env.GONGYI_SIGNING_KEY;
		serveAt('http://localhost:3240', '3240');
		const a = await announcedAssembly(db(), { id: 'asm-move' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const owners = await queryRows<{ id: string }>(
			db(),
			sql`select id from owner where estate_id = 'e-jinse' order by id limit 6`
		);
		const cast = async (i: number) => {
			const r = await castBallot(db(), {
				assemblyId: a.id,
				ownerId: owners[i].id,
				accountId: `acc-${i}`,
				choices
			});
			if (!r.ok) throw new Error(r.code);
			return r.receipt;
		};
		const receipts = [await cast(0), await cast(1)];
		const first = await makeCheckpoint(db(), a.id);
		const held: HeldReceipt = (await receiptProof(db(), a.id, receipts[1].seq))!.receipt;

		// "Restart" behind a proxy on a real domain: same data, another ORIGIN and PORT.
		serveAt('https://gongyi.example.cn', '8080');
		receipts.push(await cast(2));
		const second = await makeCheckpoint(db(), a.id);
		expect(second!.note.split('\n')[0]).toBe(first!.note.split('\n')[0]);
		expect(second!.note.split('\n')[0]).toBe(`localhost:3240/assemblies/${a.id}`);

		// Rotation: a new platform key from the environment.
		process.env.GONGYI_SIGNING_KEY = bytesToHex(new Uint8Array(32).fill(9));
		receipts.push(await cast(3));
		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 1000))
		).toMatchObject({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId)).toEqual({ ok: true });
		expect(await publishResult(db(), a.id, a.staffId)).toEqual({ ok: true });

		serveAt('https://vote.other.example', '9000');
		const view = await ledgerView(db(), (await publicAssembly(db(), a.id))!);
		expect(view.keys).toHaveLength(2);
		expect(view.keys[0]).toMatchObject({ name: 'localhost:3240' });
		expect(view.keys[0].retiredAt).not.toBeNull();
		expect(view.keys[1]).toMatchObject({ name: 'gongyi.example.cn', retiredAt: null });
		expect(view.checkpoints).toHaveLength(3);
		const checks = checkCheckpoints(view.checkpoints, view.keys);
		expect(checks.map((c) => c.signature)).toEqual([true, true, true]);
		expect(checks.map((c) => c.consistent)).toEqual([null, true, true]);
		// The page says which key signed what: the first two the old key, the last the new one.
		expect(checks.map((c) => c.key?.publicKey)).toEqual([
			view.keys[0].publicKey,
			view.keys[0].publicKey,
			view.keys[1].publicKey
		]);
		expect(view.checkpoints.map((c) => c.signer?.name)).toEqual([
			'localhost:3240',
			'localhost:3240',
			'gongyi.example.cn'
		]);

		// A receipt issued before the move and the rotation still checks, as do the later ones.
		expect(await checkHeld(db(), held)).toMatchObject({ step: 'done', ok: true, treeSize: 3 });
		for (const r of receipts)
			expect(await checkHeld(db(), { assembly: a.id, seq: r.seq, hash: r.hash })).toMatchObject({
				step: 'done',
				ok: true
			});
		const report = verifyRecord(JSON.parse(JSON.stringify(await exportRecord(db(), a.id))));
		expect(report.errors).toEqual([]);
	});

	it('a tampered note fails against every published key', async () => {
		serveAt('http://localhost:3241', '3241');
		const a = await announcedAssembly(db(), { id: 'asm-tamper' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		await makeCheckpoint(db(), a.id);
		const view = await ledgerView(db(), (await publicAssembly(db(), a.id))!);
		const forged = view.checkpoints.map((c) => ({ ...c, note: c.note.replace('\n1\n', '\n2\n') }));
		expect(checkCheckpoints(forged, view.keys).map((c) => c.signature)).toEqual([false]);
	});
});
