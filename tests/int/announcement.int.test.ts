import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Result } from '../../src/lib/domain/record/types';
import { checkCredentials } from '../../src/lib/server/accounts';
import { confirmDue, stageOf } from '../../src/lib/server/announcement/announce';
import {
	answerResultObjection,
	fileResultObjection,
	listResultObjections,
	markObjectionRead
} from '../../src/lib/server/announcement/objections';
import { checkLedger, orderRecount } from '../../src/lib/server/announcement/recount';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import {
	assembly,
	auditLog,
	estateSetting,
	ledgerEntry,
	owner
} from '../../src/lib/server/db/schema';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { countAndStore, publishResult } from '../../src/lib/server/ledger/result';
import { readUpload } from '../../src/lib/server/registration/uploads';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

const DAY = 86_400_000;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);

beforeAll(() => {
	process.env.GONGYI_UPLOADS = mkdtempSync(join(tmpdir(), 'gongyi-objections-'));
});

describeEngines('result announcement, objections and recount', (db) => {
	/** A counted assembly of 金色家园 with three ballots; published at `t0` unless told otherwise. */
	async function counted(id: string) {
		const t0 = new Date(Date.now() - 10 * DAY);
		const a = await announcedAssembly(db(), { id, now: t0 });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId, t0)).toMatchObject({ ok: true });
		const owners = await db()
			.select({ id: owner.id })
			.from(owner)
			.where(eq(owner.estateId, 'e-jinse'));
		for (const [i, o] of owners.slice(0, 3).entries()) {
			const r = await castBallot(
				db(),
				{ assemblyId: a.id, ownerId: o.id, accountId: 'x', choices: { r1: 'for' } },
				new Date(t0.getTime() + (i + 1) * 60_000)
			);
			expect(r.ok).toBe(true);
		}
		const closed = new Date(a.closesAt.getTime() + 1000);
		expect(await closeAssembly(db(), a.id, a.staffId, closed)).toEqual({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId, closed)).toEqual({ ok: true });
		const staff = (await checkCredentials(db(), 'staff', 'gongyi2026'))!;
		const oversight = (await checkCredentials(db(), 'oversight', 'gongyi2026'))!;
		const owner1 = (await checkCredentials(db(), 'owner1', 'gongyi2026'))!;
		const staff2 = (await checkCredentials(db(), 'staff2', 'gongyi2026'))!;
		return { id: a.id, closed, staff, oversight, owner1, staff2 };
	}

	const actions = async (subject?: string) =>
		(
			await db()
				.select({ action: auditLog.action, subject: auditLog.subject, body: auditLog.body })
				.from(auditLog)
				.where(
					subject
						? and(eq(auditLog.scope, 'e-jinse'), eq(auditLog.subject, subject))
						: eq(auditLog.scope, 'e-jinse')
				)
				.orderBy(auditLog.seq)
		).map((r) => ({ ...r, body: JSON.parse(r.body) }));

	it('publishing opens the estate-set period; an objection keeps the result open until staff answer', async () => {
		const c = await counted('asm-ann');
		await db()
			.insert(estateSetting)
			.values({ estateId: 'e-jinse', announcementDays: 10 })
			.onConflictDoUpdate({ target: estateSetting.estateId, set: { announcementDays: 10 } });
		const pub = new Date(c.closed.getTime() + DAY);
		expect(await publishResult(db(), c.id, c.staff.id, pub)).toEqual({ ok: true });
		const s0 = await stageOf(db(), c.id, new Date(pub.getTime() + DAY));
		expect(s0.stage).toBe('announcement');
		expect(s0.announced!.objectionsUntil).toEqual(new Date(pub.getTime() + 10 * DAY));

		const during = new Date(pub.getTime() + 2 * DAY);
		const file = (over: Partial<Parameters<typeof fileResultObjection>[1]>) =>
			fileResultObjection(db(), {
				assemblyId: c.id,
				accountId: c.owner1.id,
				ownerId: c.owner1.ownerId!,
				text: '第二栋的票数和我们楼里统计的不一致，请复核。',
				now: during,
				...over
			});
		expect(await file({ text: '短' })).toEqual({ ok: false, code: 'objection.textLength' });
		expect(await file({ attachment: new TextEncoder().encode('MZ not an image at all') })).toEqual({
			ok: false,
			code: 'objection.attachmentType'
		});
		expect(await file({ attachment: new Uint8Array(8 * 1024 * 1024 + 1) })).toEqual({
			ok: false,
			code: 'objection.attachmentSize'
		});
		const [binhai] = await db().select().from(owner).where(eq(owner.estateId, 'e-binhai'));
		expect(await file({ ownerId: binhai.id })).toEqual({ ok: false, code: 'objection.notOwner' });
		expect(await file({ now: new Date(pub.getTime() + 10 * DAY) })).toEqual({
			ok: false,
			code: 'objection.periodOver'
		});
		const filed = await file({ attachment: PNG });
		if (!filed.ok) throw new Error(filed.code);
		expect(filed.objection.attachmentType).toBe('image/png');
		expect(new Uint8Array(await readUpload(filed.objection.attachmentPath!))).toEqual(PNG);

		// Oversight reads it; the period ends with it open: not final, and the sweep leaves it.
		await markObjectionRead(db(), filed.objection.id, c.oversight.id);
		const listed = await listResultObjections(db(), { assemblyId: c.id, reader: c.oversight.id });
		expect(listed).toMatchObject([{ state: 'open', read: true, attachmentType: 'image/png' }]);
		const after = new Date(pub.getTime() + 11 * DAY);
		expect((await stageOf(db(), c.id, after)).stage).toBe('objections');
		expect(await confirmDue(db(), after)).toBe(0);

		const answer = (over: Partial<Parameters<typeof answerResultObjection>[1]>) =>
			answerResultObjection(db(), {
				estateId: 'e-jinse',
				objectionId: filed.objection.id,
				actorId: c.staff.id,
				answer: '已按楼栋复核纸质和网上票数，结果一致，附复核表。',
				now: after,
				...over
			});
		expect(await answer({ answer: 'x' })).toEqual({ ok: false, code: 'objection.answerLength' });
		expect(await answer({ estateId: 'e-binhai', actorId: c.staff2.id })).toEqual({
			ok: false,
			code: 'objection.notFound'
		});
		expect(await answer({})).toEqual({ ok: true });
		expect(await answer({})).toEqual({ ok: false, code: 'objection.alreadyAnswered' });
		expect((await stageOf(db(), c.id, after)).stage).toBe('final');

		const trail = await actions();
		const mine = trail.filter((t) => t.action.startsWith('result.'));
		expect(mine.map((t) => t.action)).toEqual([
			'result.announced',
			'result.objectionFiled',
			'result.objectionAnswered',
			'result.confirmed'
		]);
		// The objection's words are personal: the trail keeps their length only.
		expect(JSON.stringify(mine)).not.toContain('复核');
		expect(mine[0].body.after).toMatchObject({ days: 10 });
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});

	it('with no objection the sweep confirms the result once the period has ended, once', async () => {
		const c = await counted('asm-quiet');
		const pub = new Date(c.closed.getTime() + DAY);
		expect(await publishResult(db(), c.id, c.staff.id, pub)).toMatchObject({ ok: true });
		expect(await confirmDue(db(), new Date(pub.getTime() + 6 * DAY))).toBe(0);
		expect((await stageOf(db(), c.id, new Date(pub.getTime() + 6 * DAY))).stage).toBe(
			'announcement'
		);
		const end = new Date(pub.getTime() + 7 * DAY);
		expect(await confirmDue(db(), end)).toBeGreaterThanOrEqual(1);
		expect(await confirmDue(db(), end)).toBe(0);
		const confirmed = (await actions(c.id)).filter((t) => t.action === 'result.confirmed');
		expect(confirmed).toHaveLength(1);
	});

	it('a recount of an intact ledger finds the same result; a changed stored result and a forged entry are named', async () => {
		const c = await counted('asm-recount');
		expect(
			await publishResult(db(), c.id, c.staff.id, new Date(c.closed.getTime() + DAY))
		).toMatchObject({ ok: true });
		const same = await orderRecount(db(), { assemblyId: c.id, actorId: c.oversight.id });
		expect(same).toMatchObject({ ok: true, outcome: 'same', check: { ok: true } });

		// Someone edits the stored result: the recount names the item that differs.
		const [row] = await db().select().from(assembly).where(eq(assembly.id, c.id));
		const result = JSON.parse(row.resultJson!) as Result;
		(result.items.r1 as { outcome: string }).outcome = 'failed';
		await db()
			.update(assembly)
			.set({ resultJson: JSON.stringify(result) })
			.where(eq(assembly.id, c.id));
		const diff = await orderRecount(db(), { assemblyId: c.id, actorId: c.oversight.id });
		expect(diff).toMatchObject({
			ok: true,
			outcome: 'different',
			check: { comparison: { same: false, differences: ['items.r1'] } }
		});
		expect((await stageOf(db(), c.id, new Date())).stage).toBe('disputed');

		// A forged entry appended behind the ledger's back: the verifier names the first bad seq.
		const [{ n }] = await db()
			.select({ n: sql<number>`count(*)::int` })
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, c.id));
		await db()
			.insert(ledgerEntry)
			.values({
				assemblyId: c.id,
				seq: n,
				type: 'ballot',
				prev: 'f'.repeat(64),
				hash: 'e'.repeat(64),
				body: JSON.stringify({ at: new Date().toISOString(), prev: 'f'.repeat(64), seq: n }),
				at: new Date()
			});
		const check = await checkLedger(db(), c.id);
		// The first bad entry is the close entry, which is no longer last.
		expect(check).toMatchObject({ ok: false, error: { seq: n - 1, code: 'format' } });
		const bad = await orderRecount(db(), { assemblyId: c.id, actorId: c.oversight.id });
		expect(bad).toMatchObject({ ok: true, outcome: 'invalid' });

		const recounts = (await actions(c.id)).filter((t) => t.action === 'result.recount');
		expect(recounts.map((r) => r.body.after.outcome)).toEqual(['same', 'different', 'invalid']);
		expect(recounts[1].body.after.differences).toEqual(['items.r1']);
		expect(recounts[2].body.after.error.seq).toBe(n - 1);
		expect(recounts.every((r) => r.body.actor === c.oversight.id)).toBe(true);
	});

	it('a recount before counting is refused and leaves no trace', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-early' });
		const oversight = (await checkCredentials(db(), 'oversight', 'gongyi2026'))!;
		expect(await orderRecount(db(), { assemblyId: a.id, actorId: oversight.id })).toEqual({
			ok: false,
			code: 'recount.notCounted'
		});
		expect((await actions(a.id)).filter((t) => t.action === 'result.recount')).toEqual([]);
	});
});
