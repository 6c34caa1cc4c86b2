import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { account, building, paperRule } from '../../src/lib/server/db/schema';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { dueToClose } from '../../src/lib/server/ledger/timers';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { countAndStore } from '../../src/lib/server/ledger/result';
import { attachPaperScan } from '../../src/lib/server/paper/attach';
import { enterPaperBallot } from '../../src/lib/server/paper/entry';
import { printPaperBallots, printSignInSheet } from '../../src/lib/server/paper/print';
import { paperStatus } from '../../src/lib/server/paper/status';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

describeEngines('paper ballots', (db) => {
	async function staffIds() {
		const rows = await db().select({ id: account.id, login: account.login }).from(account);
		const id = (l: string) => rows.find((r) => r.login === l)!.id;
		return { a: id('staff'), b: id('staff2'), c: id('admin') };
	}
	async function open(opts: { id: string; revote?: 'last' | 'first' }) {
		const a = await announcedAssembly(db(), opts);
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const [b] = await db().select().from(building).where(eq(building.estateId, 'e-jinse')).limit(1);
		const printed = await printPaperBallots(db(), a.staffId, a.id, { buildingId: b.id });
		if (!printed.ok) throw new Error(printed.code);
		return { ...a, codes: printed.codes, pdf: printed.pdf };
	}
	const paperEntries = async (assemblyId: string) =>
		queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = ${assemblyId} and body::jsonb->>'channel' = 'paper'`
		).then((r) => r[0].n);

	it('appends a ballot once two different people read it alike; the record verifies', async () => {
		const a = await open({ id: 'asm-paper' });
		const s = await staffIds();
		expect(a.pdf.length).toBeGreaterThan(10_000);
		expect(Buffer.from(a.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		const [first] = a.codes;
		const enter = (accountId: string, code = first.code, c: unknown = choices) =>
			enterPaperBallot(db(), { assemblyId: a.id, accountId, code, choices: c });
		expect(await enter(s.a, 'GYB:' + first.code)).toEqual({ ok: true, status: 'first' });
		// the same person twice is refused, nothing appended
		expect(await enter(s.a)).toEqual({ ok: false, code: 'paper.samePerson' });
		expect(await paperEntries(a.id)).toBe(0);
		const second = await enter(s.b, first.code.toLowerCase());
		expect(second).toMatchObject({ ok: true, status: 'appended', seq: 1 });
		expect(await enter(s.c)).toEqual({ ok: false, code: 'paper.done' });
		expect(await paperEntries(a.id)).toBe(1);
		expect((await paperStatus(db(), a.id)).entered).toBe(1);

		const scan = await attachPaperScan(db(), {
			assemblyId: a.id,
			accountId: s.a,
			code: first.code,
			bytes: a.pdf
		});
		expect(scan).toMatchObject({ ok: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const [audit] = await queryRows<{ after: string }>(
			db(),
			sql`select body as after from audit_log where action = 'paper.attach'`
		);
		expect(audit.after).toContain(scan.ok ? scan.sha256 : 'x');

		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 1))
		).toMatchObject({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId)).toEqual({ ok: true });
		const record = await exportRecord(db(), a.id);
		const paper = record!.ledger.filter((e) => e.type === 'ballot' && e.channel === 'paper');
		expect(paper).toHaveLength(1);
		expect(verifyRecord(JSON.parse(JSON.stringify(record))).errors).toEqual([]);
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});

	it('queues a mismatch for a third person, who may be neither reader', async () => {
		const a = await open({ id: 'asm-mismatch' });
		const s = await staffIds();
		const code = a.codes[1].code;
		const enter = (accountId: string, c: unknown) =>
			enterPaperBallot(db(), { assemblyId: a.id, accountId, code, choices: c });
		expect(await enter(s.a, choices)).toMatchObject({ status: 'first' });
		expect(await enter(s.b, { ...choices, r2: 'spoiled' })).toEqual({
			ok: true,
			status: 'mismatch'
		});
		const queue = (await paperStatus(db(), a.id)).mismatches;
		expect(queue).toHaveLength(1);
		expect(queue[0].readings.map((r) => r.choices.r2)).toEqual(['against', 'spoiled']);
		expect(await paperEntries(a.id)).toBe(0);
		expect(await enter(s.a, choices)).toEqual({ ok: false, code: 'paper.samePerson' });
		expect(await enter(s.c, { ...choices, r2: 'spoiled' })).toMatchObject({
			status: 'appended'
		});
		expect((await paperStatus(db(), a.id)).mismatches).toHaveLength(0);
		const [e] = await queryRows<{ body: string }>(
			db(),
			sql`select body from ledger_entry where assembly_id = ${a.id} and seq = 1`
		);
		expect(JSON.parse(e.body).choices.r2).toBe('spoiled');
	});

	it('refuses paper for an owner who voted online, bad codes and bad marks; a reprint voids old codes', async () => {
		const a = await open({ id: 'asm-online' });
		const s = await staffIds();
		const o = a.codes[2];
		expect(
			(await castBallot(db(), { assemblyId: a.id, ownerId: o.ownerId, accountId: 'x', choices })).ok
		).toBe(true);
		const enter = (code: string, c: unknown = choices) =>
			enterPaperBallot(db(), { assemblyId: a.id, accountId: s.a, code, choices: c });
		expect(await enter(o.code)).toEqual({ ok: false, code: 'ballot.votedOnline' });
		expect(await enter('not a code')).toEqual({ ok: false, code: 'paper.badCode' });
		expect(await enter('0000-0000-0000-0000')).toEqual({ ok: false, code: 'paper.unknownCode' });
		expect(await enter(a.codes[3].code, { e1: ['c1', 'c2', 'c3'] })).toMatchObject({
			ok: false,
			code: 'paper.invalidChoice'
		});
		const again = await printPaperBallots(db(), a.staffId, a.id, {
			ownerIds: [a.codes[3].ownerId]
		});
		expect(again.ok && again.count).toBe(1);
		expect(await enter(a.codes[3].code)).toEqual({ ok: false, code: 'paper.void' });
		if (again.ok) expect(await enter(again.codes[0].code)).toMatchObject({ status: 'first' });
		const sheet = await printSignInSheet(db(), a.id, null);
		expect(sheet.ok && sheet.count).toBeGreaterThan(100);
	});

	it('after close only when the rules allow it, and only until the set period ends', async () => {
		const a = await open({ id: 'asm-late' });
		const s = await staffIds();
		const enter = (accountId: string, now: Date, code = a.codes[4].code) =>
			enterPaperBallot(db(), { assemblyId: a.id, accountId, code, choices }, now);
		const after = new Date(a.closesAt.getTime() + 60_000);
		expect(await enter(s.a, after)).toEqual({ ok: false, code: 'ballot.closed' });
		expect(await dueToClose(db(), after)).toEqual([{ id: a.id }]);
		await db().insert(paperRule).values({ assemblyId: a.id, lateMinutes: 120 });
		// the close entry waits for the late period
		expect(await dueToClose(db(), after)).toEqual([]);
		expect(await dueToClose(db(), new Date(a.closesAt.getTime() + 120 * 60_000))).toHaveLength(1);
		expect(await enter(s.a, after)).toMatchObject({ status: 'first' });
		expect(await enter(s.b, after)).toMatchObject({ status: 'appended' });
		const tooLate = new Date(a.closesAt.getTime() + 121 * 60_000);
		expect(await enter(s.a, tooLate, a.codes[5].code)).toEqual({
			ok: false,
			code: 'ballot.closed'
		});
		// online stays closed at the window's end
		expect(
			await castBallot(
				db(),
				{ assemblyId: a.id, ownerId: a.codes[6].ownerId, accountId: 'y', choices },
				after
			)
		).toMatchObject({ ok: false, code: 'ballot.closed' });
		const [audit] = await queryRows<{ after: string }>(
			db(),
			sql`select body as after from audit_log where action = 'paper.append'`
		);
		expect(JSON.parse(audit.after).after.afterClose).toBe(true);
	});
});
