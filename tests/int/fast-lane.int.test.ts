import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { fastAppendMany, type FastPart } from '../../src/lib/server/ballots/fast-append';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { Sequencer, type PendingBallot } from '../../src/lib/server/ballots/sequencer';
import { ballotOrigin, platformKey } from '../../src/lib/server/db/schema';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { lastEntry } from '../../src/lib/server/ledger/store';
import { recordBallotOrigin } from '../../src/lib/server/oversight/origin';
import { personalDataHasher } from '../../src/lib/server/secrets';
import { describeEngines, queryRows, truncateAll } from './engines';
import { announcedAssembly } from './ledger-fixture';

describeEngines('ballots of several assemblies together', (db) => {
	async function openAssemblies(n: number) {
		const out = [];
		for (let i = 0; i < n; i++) {
			const a = await announcedAssembly(db(), { id: `asm-lane-${i}` });
			forgetVotingContext(a.id);
			expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
			out.push(a);
		}
		return out;
	}
	const ballot = (assemblyId: string, i: number, key: string | null = null): PendingBallot => ({
		assemblyId,
		pseudonym: `o-p${i % 7}`,
		accountId: `acc-${i}`,
		channel: 'online',
		choices: { r1: i % 2 ? 'for' : 'against' },
		nonce: i.toString(16).padStart(32, '0'),
		idempotencyKey: key
	});
	async function chainProblems(id: string) {
		const record = await exportRecord(db(), id);
		const report = verifyRecord(JSON.parse(JSON.stringify({ ...record, result: undefined })));
		return report.errors.filter((e) => e.code.startsWith('chain'));
	}
	async function seqsOf(id: string) {
		const rows = await queryRows<{ seq: number }>(
			db(),
			sql`select seq from ledger_entry where assembly_id = ${id} and type = 'ballot' order by seq`
		);
		return rows.map((r) => Number(r.seq));
	}

	it('one statement appends to several chains; a moved head or a closed assembly sends only its own part back', async () => {
		const [a, b, c] = await openAssemblies(3);
		const part = async (id: string, closesAt: Date, i: number): Promise<FastPart> => ({
			assemblyId: id,
			batch: [ballot(id, i, `key-lane-${id}-${i}`), ballot(id, i + 1)],
			known: { entry: (await lastEntry(db(), id))!, closesAt },
			now: new Date()
		});
		const first = await fastAppendMany(db(), [
			await part(a.id, a.closesAt, 0),
			await part(b.id, b.closesAt, 0),
			await part(c.id, c.closesAt, 0)
		]);
		expect(first.map((o) => o?.results.map((r) => r.ok && r.seq))).toEqual([
			[1, 2],
			[1, 2],
			[1, 2]
		]);
		// b's head moves on without this caller (another process); c closes.
		const stale = { entry: first[1]!.head, closesAt: b.closesAt };
		expect(await new Sequencer(db()).submit(ballot(b.id, 9))).toMatchObject({ ok: true, seq: 3 });
		const staleC = { entry: first[2]!.head, closesAt: c.closesAt };
		const after = new Date(c.closesAt.getTime() + 1000);
		expect(await closeAssembly(db(), c.id, c.staffId, after)).toMatchObject({ ok: true });
		const now = new Date();
		const second = await fastAppendMany(db(), [
			{
				assemblyId: a.id,
				batch: [ballot(a.id, 2)],
				known: { entry: first[0]!.head, closesAt: a.closesAt },
				now
			},
			{ assemblyId: b.id, batch: [ballot(b.id, 2)], known: stale, now },
			{ assemblyId: c.id, batch: [ballot(c.id, 2)], known: staleC, now }
		]);
		expect(second[0]?.results).toMatchObject([{ ok: true, seq: 3 }]);
		expect(second[1]).toBeNull();
		expect(second[2]).toBeNull();
		expect(await seqsOf(a.id)).toEqual([1, 2, 3]);
		expect(await seqsOf(b.id)).toEqual([1, 2, 3]);
		expect(await seqsOf(c.id)).toEqual([1, 2]);
		for (const x of [a, b, c]) expect(await chainProblems(x.id)).toEqual([]);
	});

	it('a reused key in one part leaves the other parts appended', async () => {
		const [a, b] = await openAssemblies(2);
		const known = async (id: string, closesAt: Date) => ({
			entry: (await lastEntry(db(), id))!,
			closesAt
		});
		const now = new Date();
		const [ka] = await fastAppendMany(db(), [
			{
				assemblyId: a.id,
				batch: [ballot(a.id, 1, 'key-used-1')],
				known: await known(a.id, a.closesAt),
				now
			}
		]);
		const out = await fastAppendMany(db(), [
			{
				assemblyId: a.id,
				batch: [ballot(a.id, 1, 'key-used-1')],
				known: { entry: ka!.head, closesAt: a.closesAt },
				now
			},
			{
				assemblyId: b.id,
				batch: [ballot(b.id, 1, 'key-used-1')],
				known: await known(b.id, b.closesAt),
				now
			}
		]);
		expect(out[0]).toBeNull();
		expect(out[1]?.results).toMatchObject([{ ok: true, seq: 1 }]);
		expect(await seqsOf(a.id)).toEqual([1]);
		expect(await seqsOf(b.id)).toEqual([1]);
	});

	it('one sequencer takes concurrent ballots for many assemblies: each chain contiguous, every ballot acknowledged once', async () => {
		const as = await openAssemblies(6);
		const seq = new Sequencer(db());
		const results: { id: string; r: Awaited<ReturnType<Sequencer['submit']>> }[] = [];
		for (let wave = 0; wave < 4; wave++) {
			const ids = Array.from({ length: 30 }, (_, j) => wave * 30 + j);
			results.push(
				...(await Promise.all(
					ids.map(async (i) => {
						const id = as[i % as.length].id;
						return { id, r: await seq.submit(ballot(id, i, `key-many-${i}`)) };
					})
				))
			);
		}
		expect(results.filter((x) => !x.r.ok)).toEqual([]);
		for (const a of as) {
			const acked = results
				.filter((x) => x.id === a.id)
				.map((x) => (x.r.ok ? x.r.seq : -1))
				.sort((p, q) => p - q);
			expect(acked).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
			expect(await seqsOf(a.id)).toEqual(acked);
			expect(await chainProblems(a.id)).toEqual([]);
		}
		// A retry of a key after the batching is answered with its receipt, not a second ballot.
		const again = await seq.submit(ballot(as[0].id, 0, 'key-many-0'));
		expect(again).toEqual({ ...results[0].r, replayed: true });
		expect(await seqsOf(as[0].id)).toHaveLength(20);
	});

	it('origins of concurrent ballots of several assemblies are all kept, hashed', async () => {
		const as = await openAssemblies(3);
		await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				recordBallotOrigin(db(), {
					assemblyId: as[i % 3].id,
					seq: Math.floor(i / 3) + 1,
					address: `10.0.0.${i}`,
					device: 'phone'
				})
			)
		);
		const rows = await db().select().from(ballotOrigin);
		expect(rows).toHaveLength(30);
		const hash = await personalDataHasher(db());
		expect(new Set(rows.map((r) => r.addressHash))).toEqual(
			new Set(Array.from({ length: 30 }, (_, i) => hash(`addr:10.0.0.${i}`)))
		);
		expect(JSON.stringify(rows)).not.toContain('10.0.0.');
	});
});

describeEngines('the HMAC key of personal data, kept per database handle', (db) => {
	const stored = async () => {
		const [row] = await db().select().from(platformKey).where(eq(platformKey.name, 'pii-hmac'));
		return (v: string) =>
			createHmac('sha256', Buffer.from(row.value, 'hex')).update(v).digest('hex');
	};

	it('is the stored key, read once and then kept', async () => {
		const h = await personalDataHasher(db());
		expect(h('x')).toBe((await stored())('x'));
		expect((await personalDataHasher(db()))('x')).toBe(h('x'));
	});

	it('follows the table when tests empty it: the handle and a transaction agree', async () => {
		const before = (await personalDataHasher(db()))('x');
		await truncateAll(db());
		const inTx = await db().transaction(async (tx) => (await personalDataHasher(tx))('x'));
		expect((await personalDataHasher(db()))('x')).toBe(inTx);
		expect(inTx).not.toBe(before);
	});

	it('never keeps a key that a rolled-back transaction inserted', async () => {
		let inTx = '';
		await expect(
			db().transaction(async (tx) => {
				inTx = (await personalDataHasher(tx))('x');
				throw new Error('rollback');
			})
		).rejects.toThrow('rollback');
		const h = await personalDataHasher(db());
		expect(h('x')).toBe((await stored())('x'));
		expect(h('x')).not.toBe(inTx);
	});
});
