import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyCheckpointNote } from '../../src/lib/domain/ledger/checkpoint';
import { verifyReceipt } from '../../src/lib/domain/ledger/receipt';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { Sequencer, type PendingBallot } from '../../src/lib/server/ballots/sequencer';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { owner } from '../../src/lib/server/db/schema';
import { makeCheckpoint, receiptProof } from '../../src/lib/server/ledger/checkpoints';
import { platformKey } from '../../src/lib/server/ledger/keys';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { countAndStore, publishResult } from '../../src/lib/server/ledger/result';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const choices = { r1: 'for', r2: 'for', e1: ['c1', 'c2'] };

describeEngines('ballot ledger', (db) => {
	async function owners() {
		const rows = await db()
			.select({ id: owner.id, kind: owner.kind })
			.from(owner)
			.where(sql`estate_id = 'e-jinse'`);
		return rows.map((r) => r.id);
	}

	it('opens, takes concurrent ballots into one chain, closes, counts and exports a record that verifies', async () => {
		const a = await announcedAssembly(db());
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({
			ok: false,
			code: 'assembly.wrongState'
		});
		const ids = await owners();
		const voters = ids.slice(0, 60);
		const results = await Promise.all(
			voters.map((ownerId, i) =>
				castBallot(db(), {
					assemblyId: a.id,
					ownerId,
					accountId: `acc-${i}`,
					choices: i % 5 === 0 ? { r1: 'against', r2: 'abstain', e1: ['c3'] } : choices
				})
			)
		);
		expect(results.every((r) => r.ok)).toBe(true);
		const seqs = results.map((r) => (r.ok ? r.receipt.seq : -1)).sort((x, y) => x - y);
		expect(seqs).toEqual(voters.map((_, i) => i + 1));

		// Revote "last": the second ballot counts.
		const again = await castBallot(db(), {
			assemblyId: a.id,
			ownerId: voters[0],
			accountId: 'acc-0',
			choices
		});
		expect(again.ok).toBe(true);

		const early = await closeAssembly(db(), a.id, a.staffId);
		expect(early).toEqual({ ok: false, code: 'assembly.windowOpen' });
		const after = new Date(a.closesAt.getTime() + 1000);
		expect(await closeAssembly(db(), a.id, a.staffId, after)).toEqual({ ok: true });
		const late = await castBallot(db(), {
			assemblyId: a.id,
			ownerId: voters[1],
			accountId: 'acc-1',
			choices
		});
		expect(late).toEqual({ ok: false, code: 'ballot.closed' });

		expect(await countAndStore(db(), a.id, a.staffId)).toEqual({ ok: true });
		expect(await publishResult(db(), a.id, a.staffId)).toEqual({ ok: true });
		const record = await exportRecord(db(), a.id);
		const report = verifyRecord(JSON.parse(JSON.stringify(record)));
		expect(report.errors).toEqual([]);
		expect(report.ok).toBe(true);
		expect(record!.ledger).toHaveLength(63);
		expect(record!.signatures?.[0].by).toBe('platform');
		expect(JSON.stringify(record)).not.toContain('e-jinse-o');
		// 60 of ~150 heads took part: no quorum under 民法典 第278条.
		expect(record!.result!.items.r1).toMatchObject({ quorum: false, outcome: 'no_quorum' });
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });

		await expect(
			db().execute(sql`update ledger_entry set body = body where seq = 1`)
		).rejects.toThrow();
		await expect(db().execute(sql`delete from ledger_entry`)).rejects.toThrow();
	});

	it('refuses bad ballots with clear codes and stores nothing for them', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-bad' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const [o] = await owners();
		const cast = (input: Partial<Parameters<typeof castBallot>[1]>) =>
			castBallot(db(), { assemblyId: a.id, ownerId: o, accountId: 'acc', choices, ...input });
		expect((await cast({ choices: { r1: 'yes' } })).ok).toBe(false);
		expect(await cast({ choices: { e1: ['c1', 'c2', 'c3'] } })).toMatchObject({
			ok: false,
			code: 'ballot.invalidChoice'
		});
		expect(await cast({ choices: { zz: 'for' } })).toMatchObject({
			ok: false,
			code: 'ballot.invalidChoice'
		});
		expect(await cast({ ownerId: 'e-binhai-o1' })).toEqual({ ok: false, code: 'ballot.notOnRoll' });
		expect(await cast({ assemblyId: 'nope' })).toEqual({ ok: false, code: 'ballot.notFound' });
		expect(await cast({ idempotencyKey: 'bad key!' })).toEqual({
			ok: false,
			code: 'ballot.badKey'
		});
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = 'asm-bad'`
		);
		expect(n).toBe(1);
	});

	it('an Idempotency-Key retry returns the same receipt; revote "first" refuses a second ballot', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-first', revote: 'first' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const [o] = await owners();
		const input = {
			assemblyId: a.id,
			ownerId: o,
			accountId: 'acc',
			choices,
			idempotencyKey: 'key-12345678'
		};
		const [r1, r2] = await Promise.all([castBallot(db(), input), castBallot(db(), input)]);
		expect(r1.ok && r2.ok).toBe(true);
		if (!r1.ok || !r2.ok) return;
		expect(r2.receipt.seq).toBe(r1.receipt.seq);
		expect([r1.replayed, r2.replayed].sort()).toEqual([false, true]);
		const second = await castBallot(db(), { ...input, idempotencyKey: 'key-87654321' });
		expect(second).toEqual({ ok: false, code: 'ballot.alreadyVoted' });
	});

	it('signs checkpoints in the C2SP note format; a receipt proves inclusion against the latest', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-cp' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const ids = await owners();
		for (const ownerId of ids.slice(0, 5))
			expect(
				await castBallot(db(), { assemblyId: a.id, ownerId, accountId: 'x', choices })
			).toMatchObject({ ok: true });
		expect(await receiptProof(db(), a.id, 3)).toBeNull();
		const cp = await makeCheckpoint(db(), a.id);
		expect(cp?.treeSize).toBe(6);
		expect(await makeCheckpoint(db(), a.id)).toBeNull();
		const { publicKey, name } = await platformKey(db());
		const note = verifyCheckpointNote(cp!.note, name, publicKey);
		expect(note).toMatchObject({ ok: true, checkpoint: { treeSize: 6, root: cp!.root } });
		const proof = await receiptProof(db(), a.id, 3);
		expect(verifyReceipt(proof!.receipt, proof!.receipt.hash, cp!.root, 6)).toEqual({ ok: true });
		expect(verifyReceipt(proof!.receipt, 'f'.repeat(64), cp!.root, 6).ok).toBe(false);
	});
	it('two appending processes keep one chain: a stale head falls back to the locked path', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-two' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const [x, y] = [new Sequencer(db()), new Sequencer(db())];
		const ballot = (i: number, key: string | null = null): PendingBallot => ({
			assemblyId: a.id,
			pseudonym: `o-p${i % 3}`,
			accountId: `acc-${i}`,
			channel: 'online',
			choices: { r1: 'for' },
			nonce: i.toString(16).padStart(32, '0'),
			idempotencyKey: key
		});
		const seqs: number[] = [];
		for (let i = 0; i < 12; i++) {
			// Alternating processes: each one's cached head is stale every other time.
			const r = await (i % 2 ? y : x).submit(ballot(i, `key-000000${i}`));
			expect(r.ok).toBe(true);
			if (r.ok) seqs.push(r.seq);
		}
		expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		// A retry of an earlier key through the fast path is answered with the original receipt.
		const again = await x.submit(ballot(3, 'key-0000003'));
		expect(again).toMatchObject({ ok: true, seq: 4, replayed: true });
		const after = new Date(a.closesAt.getTime() + 1000);
		expect(await closeAssembly(db(), a.id, a.staffId, after)).toMatchObject({ ok: true });
		expect(await x.submit(ballot(20))).toEqual({ ok: false, code: 'ballot.closed' });
		const record = await exportRecord(db(), a.id);
		const report = verifyRecord(JSON.parse(JSON.stringify({ ...record, result: undefined })));
		expect(report.errors.filter((e) => e.code.startsWith('chain'))).toEqual([]);
		expect(record!.ledger).toHaveLength(14);
	});
	it('two processes appending at the same time keep one contiguous chain and acknowledge every ballot', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-race' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const [x, y] = [new Sequencer(db()), new Sequencer(db())];
		const ballot = (i: number): PendingBallot => ({
			assemblyId: a.id,
			pseudonym: `o-p${i % 3}`,
			accountId: `acc-${i}`,
			channel: 'online',
			choices: { r1: 'for' },
			nonce: i.toString(16).padStart(32, '0'),
			idempotencyKey: `key-${i}`
		});
		// Waves of concurrent ballots through both: one's fast append races the other's locked one.
		const results = [];
		for (let wave = 0; wave < 8; wave++) {
			const ids = Array.from({ length: 30 }, (_, j) => wave * 30 + j);
			results.push(...(await Promise.all(ids.map((i) => (i % 2 ? y : x).submit(ballot(i))))));
		}
		expect(results.filter((r) => !r.ok)).toEqual([]);
		const seqs = results.map((r) => (r.ok ? r.seq : -1)).sort((p, q) => p - q);
		expect(seqs).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
		const record = await exportRecord(db(), a.id);
		const report = verifyRecord(JSON.parse(JSON.stringify({ ...record, result: undefined })));
		expect(report.errors.filter((e) => e.code.startsWith('chain'))).toEqual([]);
	});
});
