import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { account, estateSetting } from '../../src/lib/server/db/schema';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { countAndStore } from '../../src/lib/server/ledger/result';
import { authoriseProxy } from '../../src/lib/server/proxy/authorise';
import { reviewProxy, revokeProxy } from '../../src/lib/server/proxy/manage';
import { representedBy } from '../../src/lib/server/proxy/queries';
import { claimNamedProxy, reissueNamedCode } from '../../src/lib/server/proxy/named';
import { castProxyBallot } from '../../src/lib/server/proxy/vote';
import { checkCredentials } from '../../src/lib/server/accounts';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 1, 2]);
const choices = { r1: 'for', r2: 'for', e1: ['c1'] };

describeEngines('proxies (书面委托)', (db) => {
	async function setup(opts: { id: string; revote?: 'last' | 'first' }) {
		const a = await announcedAssembly(db(), opts);
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const accounts = await db().select().from(account);
		const byLogin = (l: string) => accounts.find((x) => x.login === l)!;
		const voters = await queryRows<{ owner_id: string }>(
			db(),
			sql`select owner_id from assembly_voter where assembly_id = ${a.id} order by owner_id`
		);
		const ownerIds = voters.map((v) => v.owner_id).filter((o) => o !== byLogin('owner1').ownerId);
		return { ...a, proxy: byLogin('owner1'), ownerIds };
	}
	const authorise = (
		a: Awaited<ReturnType<typeof setup>>,
		ownerId: string,
		directed: object = {},
		proxyLogin = 'owner1'
	) =>
		authoriseProxy(db(), {
			assemblyId: a.id,
			ownerId,
			actorId: a.staffId,
			proxyLogin,
			directed,
			bytes: PNG
		});
	const verified = async (a: Awaited<ReturnType<typeof setup>>, ownerId: string, directed = {}) => {
		const r = await authorise(a, ownerId, directed);
		if (!r.ok) throw new Error(r.code);
		expect(
			await reviewProxy(db(), { id: r.id, assemblyId: a.id, staffId: a.staffId, approve: true })
		).toEqual({ ok: true });
		return r.id;
	};

	it('enforces directed choices, votes once, and the record carries channel proxy', async () => {
		const a = await setup({ id: 'asm-proxy' });
		const pending = await authorise(a, a.ownerIds[0], { r1: 'against' });
		expect(pending.ok).toBe(true);
		if (!pending.ok) return;
		const vote = (c: unknown, id = pending.id) =>
			castProxyBallot(db(), { authorisationId: id, proxyAccountId: a.proxy.id, choices: c });
		expect(await vote(choices)).toEqual({ ok: false, code: 'proxy.notVerified' });
		await reviewProxy(db(), {
			id: pending.id,
			assemblyId: a.id,
			staffId: a.staffId,
			approve: true
		});
		expect(await vote(choices)).toMatchObject({ ok: false, code: 'proxy.directed', detail: 'r1' });
		// somebody else's authorisation is not theirs to use
		expect(
			await castProxyBallot(db(), {
				authorisationId: pending.id,
				proxyAccountId: a.staffId,
				choices
			})
		).toEqual({ ok: false, code: 'proxy.notFound' });
		expect(await vote({ ...choices, r1: 'against' })).toMatchObject({ ok: true, seq: 1 });
		expect(await vote({ ...choices, r1: 'against' })).toEqual({ ok: false, code: 'proxy.used' });
		expect(
			await revokeProxy(db(), { id: pending.id, ownerId: a.ownerIds[0], actorId: a.staffId })
		).toEqual({ ok: false, code: 'proxy.state' });
		const mine = await representedBy(db(), a.proxy.id);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ state: 'used', seq: 1 });
		expect(mine[0].owner).toContain('*');

		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 1))
		).toMatchObject({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId)).toEqual({ ok: true });
		const record = await exportRecord(db(), a.id);
		expect(record!.ledger.filter((e) => e.type === 'ballot' && e.channel === 'proxy')).toHaveLength(
			1
		);
		expect(verifyRecord(JSON.parse(JSON.stringify(record))).errors).toEqual([]);
	});

	it('enforces an election the owner directed: these candidates, within the seats', async () => {
		const a = await setup({ id: 'asm-proxy-elect' });
		const [o1, o2] = a.ownerIds;
		// e1 has 2 seats among c1..c3
		expect(await authorise(a, o1, { e1: ['c1', 'c2', 'c3'] })).toEqual({
			ok: false,
			code: 'proxy.invalidChoice'
		});
		const id1 = await verified(a, o1, { e1: ['c3', 'c1'] });
		const vote = (id: string, e1: unknown) =>
			castProxyBallot(db(), {
				authorisationId: id,
				proxyAccountId: a.proxy.id,
				choices: { r1: 'for', e1 }
			});
		expect(await vote(id1, ['c1'])).toMatchObject({ code: 'proxy.directed', detail: 'e1' });
		expect(await vote(id1, ['c1', 'c2'])).toMatchObject({ code: 'proxy.directed' });
		expect(await vote(id1, 'spoiled')).toMatchObject({ code: 'proxy.directed' });
		// the order of the names does not matter
		expect(await vote(id1, ['c1', 'c3'])).toMatchObject({ ok: true });
		// a directed abstention: no candidate at all
		const id2 = await verified(a, o2, { e1: [] });
		expect(await vote(id2, ['c2'])).toMatchObject({ code: 'proxy.directed', detail: 'e1' });
		expect(await vote(id2, [])).toMatchObject({ ok: true });
	});

	it('a named person without an account registers as proxy with the code and phone, then votes', async () => {
		const a = await setup({ id: 'asm-proxy-named' });
		const [o1] = a.ownerIds;
		const named = (name: string, phone: string) =>
			authoriseProxy(db(), {
				assemblyId: a.id,
				ownerId: o1,
				actorId: a.staffId,
				proxyLogin: '',
				named: { name, phone },
				directed: { r1: 'against' },
				bytes: PNG
			});
		expect(await named('张', '13800138000')).toEqual({ ok: false, code: 'proxy.namedName' });
		expect(await named('张小红', '12345')).toEqual({ ok: false, code: 'proxy.namedPhone' });
		const r = await named('张小红', '138 0013 8000');
		if (!r.ok || !r.code) throw new Error('named authorisation');
		// nothing personal in the audit trail: neither the code nor the phone
		const audits = await queryRows<{ body: string }>(
			db(),
			sql`select body from audit_log where body like ${'%' + r.id + '%'}`
		);
		expect(audits.map((x) => x.body).join()).not.toMatch(/13800138000|张小红/);
		expect(audits.map((x) => x.body).join()).not.toContain(r.code);
		await reviewProxy(db(), { id: r.id, assemblyId: a.id, staffId: a.staffId, approve: true });
		const claim = (code: string, phone: string, login = 'zhangxh') =>
			claimNamedProxy(db(), { code, phone, login, password: 'correct horse 2026' });
		expect(await claim('0000000000000000', '13800138000')).toEqual({
			ok: false,
			code: 'claim.code'
		});
		expect(await claim(r.code, '13900139000')).toEqual({ ok: false, code: 'claim.phone' });
		expect(await claim(r.code, '13800138000', 'owner1')).toEqual({
			ok: false,
			code: 'claim.loginTaken'
		});
		const done = await claim(r.code.toLowerCase(), '+86 138-0013-8000');
		if (!done.ok) throw new Error(done.code);
		expect(await claim(r.code, '13800138000', 'other')).toEqual({ ok: false, code: 'claim.code' });
		expect(await checkCredentials(db(), 'zhangxh', 'correct horse 2026')).toBeTruthy();
		const mine = await representedBy(db(), done.accountId);
		expect(mine.map((m) => m.id)).toEqual([r.id]);
		expect(
			await castProxyBallot(db(), {
				authorisationId: r.id,
				proxyAccountId: done.accountId,
				choices: { r1: 'against' }
			})
		).toMatchObject({ ok: true });
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from audit_log where action = 'proxy.claim'`
		);
		expect(n).toBe(1);
	});

	it('the owner gets a new code for a named proxy who lost it; the old code stops working', async () => {
		const a = await setup({ id: 'asm-proxy-reissue' });
		const [o1, o2] = a.ownerIds;
		const named = async (ownerId: string, name: string, phone: string) => {
			const r = await authoriseProxy(db(), {
				assemblyId: a.id,
				ownerId,
				actorId: a.staffId,
				proxyLogin: '',
				named: { name, phone },
				directed: {},
				bytes: PNG
			});
			if (!r.ok || !r.code) throw new Error('named authorisation');
			return { id: r.id, code: r.code };
		};
		const r = await named(o1, '李大明', '13700137000');
		const reissue = (ownerId: string, id = r.id) =>
			reissueNamedCode(db(), { id, ownerId, actorId: a.staffId });
		// only the owner who gave the authorisation, and only for one of theirs
		expect(await reissue(o2)).toEqual({ ok: false, code: 'proxy.notFound' });
		expect(await reissue(o1, 'pa-none')).toEqual({ ok: false, code: 'proxy.notFound' });
		const again = await reissue(o1);
		if (!again.ok) throw new Error(again.code);
		expect(again.code).not.toBe(r.code);
		const claim = (code: string, login: string) =>
			claimNamedProxy(db(), { code, phone: '13700137000', login, password: 'correct horse 2026' });
		expect(await claim(r.code, 'lidaming')).toEqual({ ok: false, code: 'claim.code' });
		const done = await claim(again.code, 'lidaming');
		expect(done).toMatchObject({ ok: true });
		// once claimed there is nothing to reissue
		expect(await reissue(o1)).toEqual({ ok: false, code: 'proxy.claimed' });
		const audits = await queryRows<{ body: string }>(
			db(),
			sql`select body from audit_log where action = 'proxy.reissue'`
		);
		expect(audits).toHaveLength(1);
		expect(audits[0].body).not.toContain(again.code);
		expect(audits[0].body).not.toMatch(/13700137000|李大明/);
		// a revoked authorisation gets no new code either
		const r2 = await named(o2, '王小芳', '13600136000');
		expect(await revokeProxy(db(), { id: r2.id, ownerId: o2, actorId: a.staffId })).toEqual({
			ok: true
		});
		expect(await reissue(o2, r2.id)).toEqual({ ok: false, code: 'proxy.state' });
	});

	it("the owner's own ballot prevails: refused after it, superseded by it under revote last", async () => {
		const a = await setup({ id: 'asm-own' });
		const [o1, o2] = a.ownerIds;
		const id1 = await verified(a, o1);
		expect(
			(await castBallot(db(), { assemblyId: a.id, ownerId: o1, accountId: 'o', choices })).ok
		).toBe(true);
		expect(
			await castProxyBallot(db(), { authorisationId: id1, proxyAccountId: a.proxy.id, choices })
		).toEqual({ ok: false, code: 'ballot.ownerVoted' });

		const id2 = await verified(a, o2);
		const p = await castProxyBallot(db(), {
			authorisationId: id2,
			proxyAccountId: a.proxy.id,
			choices: { ...choices, r1: 'against' }
		});
		expect(p.ok).toBe(true);
		const own = await castBallot(db(), { assemblyId: a.id, ownerId: o2, accountId: 'o2', choices });
		expect(own.ok).toBe(true);
		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 1))
		).toMatchObject({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const record = await exportRecord(db(), a.id);
		const report = verifyRecord(JSON.parse(JSON.stringify(record)));
		expect(report.ok).toBe(true);
		// only the owner's later own ballot ("for") counts for r1: no "against" is left
		expect(report.result!.items.r1).toMatchObject({ against: { heads: 0 } });
	});

	it('a proxy represents at most N owners (estate setting); revocation frees a place', async () => {
		const a = await setup({ id: 'asm-limit' });
		await db()
			.insert(estateSetting)
			.values({ estateId: 'e-jinse', proxyMax: 2 })
			.onConflictDoUpdate({ target: estateSetting.estateId, set: { proxyMax: 2 } });
		const [o1, o2, o3] = a.ownerIds;
		const r1 = await authorise(a, o1);
		expect((await authorise(a, o2)).ok).toBe(true);
		expect(await authorise(a, o3)).toEqual({ ok: false, code: 'proxy.limit' });
		expect(await authorise(a, o1)).toEqual({ ok: false, code: 'proxy.exists' });
		if (!r1.ok) throw new Error('setup');
		expect(await revokeProxy(db(), { id: r1.id, ownerId: o2, actorId: a.staffId })).toEqual({
			ok: false,
			code: 'proxy.notFound'
		});
		expect(await revokeProxy(db(), { id: r1.id, ownerId: o1, actorId: a.staffId })).toEqual({
			ok: true
		});
		expect(
			await castProxyBallot(db(), { authorisationId: r1.id, proxyAccountId: a.proxy.id, choices })
		).toEqual({ ok: false, code: 'proxy.notVerified' });
		expect((await authorise(a, o3)).ok).toBe(true);
		expect(await authorise(a, a.ownerIds[3], {}, 'nobody')).toEqual({
			ok: false,
			code: 'proxy.noAccount'
		});
		expect(await authorise(a, a.ownerIds[3], { r1: 'maybe' })).toEqual({
			ok: false,
			code: 'proxy.invalidChoice'
		});
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from audit_log where body like '%proxy.revoke%'`
		);
		expect(n).toBe(1);
		await db()
			.update(estateSetting)
			.set({ proxyMax: 3 })
			.where(eq(estateSetting.estateId, 'e-jinse'));
	});
});
