import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyReceipt } from '../../src/lib/domain/ledger/receipt';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { myBallots } from '../../src/lib/server/ballots/my-ballots';
import { encodeReceipt, ownerReceipt, receiptQrSvg } from '../../src/lib/server/ballots/receipt';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

describeEngines('my ballots and receipts', (db) => {
	async function openWith(id: string, revote: 'last' | 'first') {
		const a = await announcedAssembly(db(), { id, revote });
		forgetVotingContext(id);
		expect(await openAssembly(db(), id, a.staffId)).toEqual({ ok: true });
		const rows = await queryRows<{ id: string }>(
			db(),
			sql`select owner_id as id from assembly_voter where assembly_id = ${id} order by owner_id limit 2`
		);
		return rows.map((r) => r.id);
	}
	const cast = (assemblyId: string, ownerId: string, key?: string) =>
		castBallot(db(), {
			assemblyId,
			ownerId,
			accountId: `acc-${ownerId}`,
			choices,
			idempotencyKey: key
		});

	it('under revote "last" the newest ballot counts and the earlier one is superseded', async () => {
		const [me, other] = await openWith('asm-last', 'last');
		await cast('asm-last', me);
		await cast('asm-last', other);
		await cast('asm-last', me);
		const mine = await myBallots(db(), me);
		expect(mine.map((b) => [b.seq, b.status])).toEqual([
			[1, 'superseded'],
			[3, 'counted']
		]);
		expect(mine[0]).toMatchObject({
			assemblyId: 'asm-last',
			title: '2026年度业主大会',
			revote: 'last'
		});
		expect((await myBallots(db(), other)).map((b) => b.seq)).toEqual([2]);
		expect(await myBallots(db(), 'e-jinse-nobody')).toEqual([]);
	});

	it('under revote "first" the first ballot counts and a retry with its key is no second ballot', async () => {
		const [me] = await openWith('asm-first', 'first');
		const r1 = await cast('asm-first', me, 'attempt-0001');
		const r2 = await cast('asm-first', me, 'attempt-0001');
		expect(r1.ok && r2.ok && r2.replayed && r2.receipt.seq === r1.receipt.seq).toBe(true);
		expect(await cast('asm-first', me, 'attempt-0002')).toEqual({
			ok: false,
			code: 'ballot.alreadyVoted'
		});
		const mine = await myBallots(db(), me);
		expect(mine.map((b) => [b.seq, b.status])).toEqual([[1, 'counted']]);
	});

	it('lists ballots of several assemblies, filtered to one on request', async () => {
		const [me] = await openWith('asm-a', 'last');
		await openWith('asm-b', 'first');
		await cast('asm-a', me);
		await cast('asm-b', me);
		expect((await myBallots(db(), me)).map((b) => b.assemblyId).sort()).toEqual(['asm-a', 'asm-b']);
		expect((await myBallots(db(), me, 'asm-b')).map((b) => b.assemblyId)).toEqual(['asm-b']);
	});

	it('a receipt gains its inclusion proof after the next checkpoint; only its owner gets it', async () => {
		const [me, other] = await openWith('asm-cp', 'last');
		const r = await cast('asm-cp', me);
		if (!r.ok) throw new Error(r.code);
		const seq = r.receipt.seq;
		const before = await ownerReceipt(db(), { assemblyId: 'asm-cp', ownerId: me, seq });
		expect(before).toMatchObject({
			ok: true,
			proven: false,
			checkpoint: null,
			receipt: { assembly: 'asm-cp', seq, hash: r.receipt.hash }
		});
		expect((await myBallots(db(), me))[0].proven).toBe(false);
		expect(await ownerReceipt(db(), { assemblyId: 'asm-cp', ownerId: other, seq })).toEqual({
			ok: false,
			code: 'receipt.notFound'
		});
		expect(await ownerReceipt(db(), { assemblyId: 'asm-cp', ownerId: me, seq: 0 })).toEqual({
			ok: false,
			code: 'receipt.notFound'
		});

		await cast('asm-cp', other);
		const cp = await makeCheckpoint(db(), 'asm-cp');
		const after = await ownerReceipt(db(), { assemblyId: 'asm-cp', ownerId: me, seq });
		if (!after.ok || !after.proven || !('treeSize' in after.receipt)) throw new Error('no proof');
		expect(after.receipt.treeSize).toBe(3);
		expect(after.checkpoint).toMatchObject({ treeSize: 3, root: cp!.root });
		expect(verifyReceipt(after.receipt, r.receipt.hash, cp!.root, 3)).toEqual({ ok: true });
		expect((await myBallots(db(), me))[0].proven).toBe(true);

		const decoded = JSON.parse(Buffer.from(encodeReceipt(after.receipt), 'base64url').toString());
		expect(decoded).toEqual(after.receipt);
		expect(await receiptQrSvg('https://example.org', after.receipt)).toMatch(/^<svg/);
	});
});
