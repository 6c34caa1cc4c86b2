import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { account, assembly, building } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { closeItem, openItem } from '../../src/lib/server/meeting/run';
import { enterPaperBallot } from '../../src/lib/server/paper/entry';
import { printPaperBallots } from '../../src/lib/server/paper/print';
import { authoriseProxy } from '../../src/lib/server/proxy/authorise';
import { reviewProxy } from '../../src/lib/server/proxy/manage';
import { proxyMayVote, representedBy } from '../../src/lib/server/proxy/queries';
import { castProxyBallot } from '../../src/lib/server/proxy/vote';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 1, 2]);

// 集体讨论: paper and proxy ballots, like online ones, name only the item staff opened.
describeEngines('paper and proxy ballots during an on-site meeting', (db) => {
	async function meeting(id: string) {
		const a = await announcedAssembly(db(), { id, revote: 'last' });
		await db().update(assembly).set({ form: 'meeting' }).where(eq(assembly.id, a.id));
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const accounts = await db().select({ id: account.id, login: account.login }).from(account);
		const login = (l: string) => accounts.find((x) => x.login === l)!.id;
		const s = { assemblyId: a.id, staffId: a.staffId };
		const choicesOf = async (seq: number) => {
			const [row] = await queryRows<{ body: string }>(
				db(),
				sql`select body from ledger_entry where assembly_id = ${a.id} and seq = ${seq}`
			);
			return JSON.parse(row.body).choices;
		};
		return { ...a, s, login, choicesOf };
	}

	it('a paper ballot is entered for the open item only, at every reading', async () => {
		const a = await meeting('asm-meet-paper');
		const [b] = await db().select().from(building).where(eq(building.estateId, 'e-jinse')).limit(1);
		const printed = await printPaperBallots(db(), a.staffId, a.id, { buildingId: b.id });
		if (!printed.ok) throw new Error(printed.code);
		const code = printed.codes[0].code;
		const enter = (who: string, choices: unknown) =>
			enterPaperBallot(db(), { assemblyId: a.id, accountId: a.login(who), code, choices });
		await openItem(db(), { ...a.s, itemKey: 'r1' });
		await closeItem(db(), a.s);
		expect(await enter('staff', { r1: 'for' })).toEqual({ ok: false, code: 'ballot.noItemOpen' });
		await openItem(db(), { ...a.s, itemKey: 'r2' });
		// the whole printed ballot, or another item, is refused at the first reading already
		expect(await enter('staff', { r1: 'for', r2: 'for', e1: ['c1'] })).toEqual({
			ok: false,
			code: 'ballot.itemNotOpen',
			detail: 'r2'
		});
		expect(await enter('staff', { r1: 'for' })).toMatchObject({ code: 'ballot.itemNotOpen' });
		expect(await enter('staff', { r2: 'against' })).toEqual({ ok: true, status: 'first' });
		// staff close the item before the second reading: it is not taken any more
		await closeItem(db(), a.s);
		expect(await enter('staff2', { r2: 'against' })).toEqual({
			ok: false,
			code: 'ballot.noItemOpen'
		});
		await openItem(db(), { ...a.s, itemKey: 'e1' });
		expect(await enter('staff2', { r2: 'against' })).toMatchObject({ code: 'ballot.itemNotOpen' });
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = ${a.id} and type = 'ballot'`
		);
		expect(n).toBe(0);
		// another owner's paper, read alike for the open election, is appended
		const other = (who: string) =>
			enterPaperBallot(db(), {
				assemblyId: a.id,
				accountId: a.login(who),
				code: printed.codes[1].code,
				choices: { e1: ['c2'] }
			});
		expect(await other('staff')).toEqual({ ok: true, status: 'first' });
		const r = await other('staff2');
		expect(r).toMatchObject({ ok: true, status: 'appended' });
		if (r.ok && r.status === 'appended') expect(await a.choicesOf(r.seq)).toEqual({ e1: ['c2'] });
	});

	it('a proxy votes item by item: the open item only, directions bind, earlier choices carried', async () => {
		const a = await meeting('asm-meet-proxy');
		const proxy = a.login('owner1');
		const [voter] = await queryRows<{ owner_id: string }>(
			db(),
			sql`select v.owner_id from assembly_voter v where v.assembly_id = ${a.id}
				and v.owner_id <> (select owner_id from account where login = 'owner1') order by v.owner_id limit 1`
		);
		const auth = await authoriseProxy(db(), {
			assemblyId: a.id,
			ownerId: voter.owner_id,
			actorId: a.staffId,
			proxyLogin: 'owner1',
			directed: { r2: 'against', e1: ['c3'] },
			bytes: PNG
		});
		if (!auth.ok) throw new Error(auth.code);
		await reviewProxy(db(), { id: auth.id, assemblyId: a.id, staffId: a.staffId, approve: true });
		const vote = (choices: unknown) =>
			castProxyBallot(db(), { authorisationId: auth.id, proxyAccountId: proxy, choices });
		// before the meeting starts the proxy may vote every item (a written ballot)
		const mayVote = async () => {
			const [row] = (await representedBy(db(), proxy)).filter((r) => r.id === auth.id);
			return proxyMayVote(db(), row);
		};
		expect(await mayVote()).toBe(true);
		const early = await vote({ r1: 'abstain', r2: 'against', e1: ['c3'] });
		expect(early.ok).toBe(true);
		// used up until the meeting starts; then the proxy's list offers the ballot again
		expect(await mayVote()).toBe(false);
		expect(await vote({ r1: 'for' })).toEqual({ ok: false, code: 'proxy.used' });
		await openItem(db(), { ...a.s, itemKey: 'r1' });
		expect(await mayVote()).toBe(true);
		expect(await vote({ r2: 'against' })).toMatchObject({ code: 'ballot.itemNotOpen' });
		expect(await vote({ r1: 'for', r2: 'against' })).toMatchObject({
			code: 'ballot.itemNotOpen'
		});
		const first = await vote({ r1: 'for' });
		expect(first.ok).toBe(true);
		await closeItem(db(), a.s);
		expect(await vote({ r1: 'against' })).toEqual({ ok: false, code: 'ballot.noItemOpen' });
		await openItem(db(), { ...a.s, itemKey: 'r2' });
		expect(await vote({ r2: 'for' })).toMatchObject({ code: 'proxy.directed', detail: 'r2' });
		const second = await vote({ r2: 'against' });
		expect(second.ok).toBe(true);
		if (second.ok)
			expect(await a.choicesOf(second.seq)).toEqual({ r1: 'for', r2: 'against', e1: ['c3'] });
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from audit_log where body like ${'%proxy.vote%'} and body like ${'%' + auth.id + '%'}`
		);
		expect(n).toBe(3);
	});
});
