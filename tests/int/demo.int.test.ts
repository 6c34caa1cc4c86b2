import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { account, assembly, auditLog } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	DEMO_OPEN_ID,
	DEMO_MEETING_ID,
	DEMO_PUBLISHED_ID
} from '../../src/lib/server/demo-assemblies';
import { listCheckpoints } from '../../src/lib/server/ledger/checkpoints';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { describeEngines } from './engines';

describeEngines('demo story', (db) => {
	it('seeds a published assembly whose record verifies and an open one owner1 can vote in', async () => {
		const accounts = await seedDemoIfEmpty(db(), { assemblies: true });
		expect(accounts?.map((a) => a.login)).toContain('owner1');
		const states = await db()
			.select({ id: assembly.id, state: assembly.state })
			.from(assembly)
			.where(eq(assembly.estateId, 'e-jinse'));
		expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
			[DEMO_PUBLISHED_ID]: 'published',
			[DEMO_OPEN_ID]: 'open',
			[DEMO_MEETING_ID]: 'announced'
		});

		const record = await exportRecord(db(), DEMO_PUBLISHED_ID);
		const report = verifyRecord(JSON.parse(JSON.stringify(record)));
		expect(report.errors).toEqual([]);
		expect(report.ok).toBe(true);
		const ballots = record!.ledger.filter((e) => e.type === 'ballot');
		expect(ballots.length).toBeGreaterThanOrEqual(130);
		expect(ballots.length).toBeLessThanOrEqual(170);
		const voters = new Set(ballots.map((b) => (b.type === 'ballot' ? b.owner : '')));
		expect(ballots.length - voters.size).toBeGreaterThanOrEqual(10); // revotes
		// Every entry lies in the story's window, in order.
		const { opensAt, closesAt } = record!.assembly;
		for (const b of ballots) expect(b.at >= opensAt && b.at < closesAt).toBe(true);
		const times = ballots.map((b) => b.at);
		expect([...times].sort()).toEqual(times);

		// All three channels: paper entered twice (one mismatch resolved by a third person), proxies.
		const channels = ballots.map((b) => (b.type === 'ballot' ? b.channel : ''));
		expect(channels.filter((c) => c === 'paper')).toHaveLength(5);
		expect(channels.filter((c) => c === 'proxy')).toHaveLength(2);
		const actions = await db()
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.scope, 'e-jinse'));
		const count = (a: string) => actions.filter((x) => x.action === a).length;
		expect([count('paper.enter'), count('paper.mismatch'), count('paper.append')]).toEqual([
			5, 1, 5
		]);
		expect([count('proxy.verify'), count('proxy.vote')]).toEqual([2, 2]);
		const items = record!.result!.items;
		expect(items.r1).toMatchObject({ quorum: true, outcome: 'passed' });
		expect(items.r2).toMatchObject({ quorum: true, outcome: 'failed' });
		expect(items.e1).toMatchObject({ quorum: true, outcome: 'complete' });
		expect(record!.items.find((i) => i.id === 'e1')).toMatchObject({ seats: 5, alternates: 2 });
		expect(record!.signatures?.map((s) => s.by)).toEqual(['platform']);

		const checkpoints = await listCheckpoints(db(), DEMO_PUBLISHED_ID);
		expect(checkpoints.length).toBeGreaterThanOrEqual(3);
		expect(checkpoints.at(-1)!.treeSize).toBe(record!.ledger.length);
		const trail = await db()
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.scope, 'e-jinse'), eq(auditLog.subject, DEMO_PUBLISHED_ID)))
			.orderBy(auditLog.seq);
		expect(trail.map((t) => t.action)).toEqual([
			'assembly.open',
			'paper.print',
			'assembly.close',
			...Array(4).fill('assembly.scrutineerNamed'),
			'assembly.count',
			'assembly.publish',
			'result.announced'
		]);
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });

		const [owner1] = await db().select().from(account).where(eq(account.login, 'owner1'));
		const cast = await castBallot(db(), {
			assemblyId: DEMO_OPEN_ID,
			ownerId: owner1.ownerId!,
			accountId: owner1.id,
			choices: { r1: 'for', r2: 'against', r3: 'abstain' }
		});
		expect(cast).toMatchObject({ ok: true, receipt: { seq: 3 } });
	});
});
