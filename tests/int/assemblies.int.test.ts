import { eq } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db/client';
import { account, auditLog, unit } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { createAssembly, updateAssembly } from '../../src/lib/server/assemblies/create';
import { addItem, removeItem } from '../../src/lib/server/assemblies/items';
import {
	nominateCandidate,
	removeCandidate,
	vetCandidate
} from '../../src/lib/server/assemblies/candidates';
import {
	approveAssembly,
	cancelAssembly,
	fileAssembly,
	returnAssembly
} from '../../src/lib/server/assemblies/lifecycle';
import { addDocument, readDocument } from '../../src/lib/server/assemblies/documents';
import { assemblyDetail } from '../../src/lib/server/assemblies/queries';
import { renderNotice } from '../../src/lib/server/assemblies/notice';
import { pdfText } from '../support/pdf-text';
import { describeEngines } from './engines';

const T0 = new Date('2026-03-01T02:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const header = (over: Partial<Parameters<typeof createAssembly>[1]['input']> = {}) => ({
	title: '2026年第一次业主大会会议',
	description: '选举第一届业主委员会，审议管理规约。',
	form: 'written' as const,
	opensAt: day(20),
	closesAt: day(30),
	...over
});

beforeAll(() => {
	process.env.GONGYI_UPLOADS = mkdtempSync(join(tmpdir(), 'gongyi-uploads-'));
});

async function ids(db: Db) {
	await seedDemoIfEmpty(db);
	const rows = await db.select({ id: account.id, login: account.login }).from(account);
	const id = (l: string) => rows.find((r) => r.login === l)!.id;
	return { staff: id('staff'), staff2: id('staff2'), oversight: id('oversight') };
}

/** A draft with one resolution (matter 2) and an election with two candidates. */
async function draft(db: Db, staff: string) {
	const [u] = await db.select().from(unit).where(eq(unit.estateId, 'e-jinse')).limit(1);
	const r = await createAssembly(db, {
		actorId: staff,
		estateId: 'e-jinse',
		now: T0,
		input: header(),
		items: [
			{ type: 'resolution', title: '审议《管理规约》', matter: 2 },
			{
				type: 'election',
				title: '选举第一届业主委员会',
				seats: 5,
				alternates: 2,
				candidates: [
					{ name: '王建喆', unitId: u.id, profile: '退休教师', partyMember: true },
					{ name: '李玥', profile: '会计师' }
				]
			}
		]
	});
	if (!r.ok) throw new Error(r.code);
	return r.assembly.id;
}

async function vetAll(db: Db, oversight: string, assemblyId: string, now = T0) {
	for (const key of ['c1', 'c2'])
		expect(
			(await vetCandidate(db, { actorId: oversight, assemblyId, key, decision: 'approved', now }))
				.ok
		).toBe(true);
}

describeEngines('assemblies', (db) => {
	it('creates an assembly with items r1, e1 and candidates c1, c2', async () => {
		const { staff } = await ids(db());
		const id = await draft(db(), staff);
		const d = (await assemblyDetail(db(), id))!;
		expect(d.assembly.state).toBe('draft');
		expect(d.items.map((i) => [i.key, i.type, i.matter, i.seats])).toEqual([
			['r1', 'resolution', 2, null],
			['e1', 'election', 3, 5]
		]);
		expect(d.items[1].candidates.map((c) => [c.key, c.name, c.vetting])).toEqual([
			['c1', '王建喆', 'pending'],
			['c2', '李玥', 'pending']
		]);
		expect(d.items[1].candidates[0].unitLabel).toMatch(/\S+ \S+/);
		expect(d.party).toEqual({ members: 1, total: 2 });
	});

	it('refuses bad input with codes and writes nothing', async () => {
		const { staff } = await ids(db());
		const make = (input = header(), items: Parameters<typeof createAssembly>[1]['items'] = []) =>
			createAssembly(db(), { actorId: staff, estateId: 'e-jinse', now: T0, input, items });
		expect(await make(header({ closesAt: day(24) }))).toEqual({
			ok: false,
			code: 'assembly.windowShort'
		});
		expect(await make(header({ closesAt: day(81) }))).toEqual({
			ok: false,
			code: 'assembly.windowLong'
		});
		expect(await make(header({ closesAt: day(19) }))).toEqual({
			ok: false,
			code: 'assembly.windowOrder'
		});
		expect(await make(header({ title: ' ' }))).toEqual({ ok: false, code: 'assembly.titleEmpty' });
		for (const matter of [0, 10])
			expect(await make(header(), [{ type: 'resolution', title: 'x', matter }])).toMatchObject({
				ok: false,
				code: 'item.matter'
			});
		expect(
			await make(header(), [{ type: 'election', title: 'x', seats: 0, alternates: 0 }])
		).toMatchObject({ ok: false, code: 'item.seats' });
		expect(
			await make(header(), [
				{
					type: 'election',
					title: 'x',
					seats: 1,
					alternates: 0,
					candidates: [{ name: 'a', unitId: 'nope' }]
				}
			])
		).toMatchObject({ ok: false, code: 'candidate.unit' });
		const rows = await db().select().from(auditLog).where(eq(auditLog.scope, 'e-jinse'));
		expect(rows.filter((r) => r.action.startsWith('assembly.'))).toHaveLength(0);
		// An election without candidates cannot be filed.
		const r = await make(header(), [{ type: 'election', title: '选举', seats: 5, alternates: 0 }]);
		if (!r.ok) throw new Error(r.code);
		expect(
			await fileAssembly(db(), { actorId: staff, assemblyId: r.assembly.id, now: T0 })
		).toEqual({
			ok: false,
			code: 'assembly.noCandidates'
		});
	});

	it('vetting first, return with comments, refile, approve; locked after announcing', async () => {
		const { staff, oversight } = await ids(db());
		const assemblyId = await draft(db(), staff);
		const s = { actorId: staff, assemblyId, now: T0 };
		expect(await fileAssembly(db(), s)).toEqual({ ok: false, code: 'assembly.candidatePending' });
		const rej = {
			actorId: oversight,
			assemblyId,
			key: 'c2',
			decision: 'rejected' as const,
			now: T0
		};
		expect(await vetCandidate(db(), rej)).toEqual({ ok: false, code: 'candidate.reasonEmpty' });
		expect((await vetCandidate(db(), { ...rej, reason: '非本小区业主' })).ok).toBe(true);
		expect((await vetCandidate(db(), { ...rej, key: 'c1', decision: 'approved' })).ok).toBe(true);
		expect(await fileAssembly(db(), s)).toEqual({ ok: false, code: 'assembly.candidateRejected' });
		expect((await removeCandidate(db(), { ...s, key: 'c2' })).ok).toBe(true);
		const c3 = await nominateCandidate(db(), { ...s, itemKey: 'e1', candidate: { name: '张堃' } });
		// Keys continue after the highest existing one; the withdrawn c2 is free again.
		expect(c3.ok && c3.candidate.key).toBe('c2');
		expect((await vetCandidate(db(), { ...rej, key: 'c2', decision: 'approved' })).ok).toBe(true);
		expect((await fileAssembly(db(), s)).ok).toBe(true);
		// Under review: staff cannot edit; only oversight may return or approve.
		expect(
			await addItem(db(), { ...s, item: { type: 'resolution', title: 'x', matter: 1 } })
		).toEqual({
			ok: false,
			code: 'assembly.underReview'
		});
		expect(await approveAssembly(db(), s)).toEqual({ ok: false, code: 'assembly.notFound' });
		const o = { actorId: oversight, assemblyId, now: day(1) };
		expect(await returnAssembly(db(), { ...o, comment: ' ' })).toEqual({
			ok: false,
			code: 'review.commentEmpty'
		});
		const back = await returnAssembly(db(), { ...o, comment: '请补充维修资金使用方案' });
		expect(back.ok && [back.assembly.state, back.assembly.reviewComment]).toEqual([
			'returned',
			'请补充维修资金使用方案'
		]);
		const s2 = { ...s, now: day(2) };
		expect(
			(
				await addItem(db(), {
					...s2,
					item: { type: 'resolution', title: '使用维修资金更换电梯', matter: 5 }
				})
			).ok
		).toBe(true);
		expect((await removeItem(db(), { ...s2, key: 'r2' })).ok).toBe(true);
		expect((await fileAssembly(db(), s2)).ok).toBe(true);
		// Voting opens on day 20: announcing on day 6 leaves 14 days, under the 15-day notice.
		expect(await approveAssembly(db(), { ...o, now: day(6) })).toEqual({
			ok: false,
			code: 'assembly.noticeTooShort'
		});
		const ok = await approveAssembly(db(), { ...o, now: day(5) });
		expect(ok.ok && [ok.assembly.state, ok.assembly.announcedAt?.toISOString()]).toEqual([
			'announced',
			day(5).toISOString()
		]);
		const s3 = { ...s, now: day(6) };
		expect(
			await addItem(db(), { ...s3, item: { type: 'resolution', title: 'x', matter: 1 } })
		).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(await removeItem(db(), { ...s3, key: 'r1' })).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(
			await nominateCandidate(db(), { ...s3, itemKey: 'e1', candidate: { name: 'x' } })
		).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(await removeCandidate(db(), { ...s3, key: 'c1' })).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(
			await updateAssembly(db(), { ...s3, input: header({ opensAt: day(40), closesAt: day(50) }) })
		).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(await vetCandidate(db(), { ...rej, key: 'c1', reason: 'x', now: day(6) })).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(await addDocument(db(), { ...s3, filename: 'a.png', bytes: png })).toEqual({
			ok: false,
			code: 'assembly.locked'
		});
		expect(await fileAssembly(db(), s3)).toEqual({ ok: false, code: 'assembly.state' });

		const trail = await db().select().from(auditLog).where(eq(auditLog.scope, 'e-jinse'));
		const actions = trail.map((r) => r.action);
		for (const a of [
			'assembly.create',
			'assembly.item.add',
			'assembly.candidate.nominate',
			'assembly.candidate.vet',
			'assembly.candidate.remove',
			'assembly.file',
			'assembly.return',
			'assembly.item.remove',
			'assembly.approve'
		])
			expect(actions).toContain(a);
		expect(trail.find((r) => r.action === 'assembly.approve')?.actorId).toBe(oversight);
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});

	it('cancels with a reason from any state before closed', async () => {
		const { staff, oversight } = await ids(db());
		const assemblyId = await draft(db(), staff);
		await vetAll(db(), oversight, assemblyId);
		await fileAssembly(db(), { actorId: staff, assemblyId, now: T0 });
		await approveAssembly(db(), { actorId: oversight, assemblyId, now: T0 });
		const s = { actorId: staff, assemblyId, now: day(1) };
		expect(await cancelAssembly(db(), { ...s, reason: '' })).toEqual({
			ok: false,
			code: 'cancel.reasonEmpty'
		});
		const c = await cancelAssembly(db(), { ...s, reason: '街道要求合并召开' });
		expect(c.ok && [c.assembly.state, c.assembly.cancelReason]).toEqual([
			'cancelled',
			'街道要求合并召开'
		]);
		expect(await cancelAssembly(db(), { ...s, reason: 'again' })).toEqual({
			ok: false,
			code: 'assembly.state'
		});
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});

	it('staff of another estate are refused', async () => {
		const { staff, staff2, oversight } = await ids(db());
		const assemblyId = await draft(db(), staff);
		const other = { actorId: staff2, assemblyId, now: T0 };
		expect(
			await addItem(db(), { ...other, item: { type: 'resolution', title: 'x', matter: 1 } })
		).toEqual({
			ok: false,
			code: 'assembly.notFound'
		});
		expect(await fileAssembly(db(), other)).toEqual({ ok: false, code: 'assembly.notFound' });
		expect(await cancelAssembly(db(), { ...other, reason: 'x' })).toEqual({
			ok: false,
			code: 'assembly.notFound'
		});
		expect(
			await createAssembly(db(), { actorId: staff2, estateId: 'e-jinse', input: header(), now: T0 })
		).toEqual({ ok: false, code: 'assembly.notFound' });
		// Staff cannot vet their own candidates.
		expect(
			await vetCandidate(db(), {
				actorId: staff,
				assemblyId,
				key: 'c1',
				decision: 'approved',
				now: T0
			})
		).toEqual({ ok: false, code: 'assembly.notFound' });
		void oversight;
	});

	it('stores documents checked by magic bytes; the notice PDF names items and candidates', async () => {
		const { staff } = await ids(db());
		const assemblyId = await draft(db(), staff);
		const s = { actorId: staff, assemblyId, now: T0 };
		const fake = new TextEncoder().encode('MZ not a pdf at all');
		expect(await addDocument(db(), { ...s, filename: 'x.pdf', bytes: fake })).toEqual({
			ok: false,
			code: 'document.type'
		});
		const pdf = new TextEncoder().encode('%PDF-1.4\n%test document\n');
		const r = await addDocument(db(), { ...s, filename: '../../管理规约.pdf', bytes: pdf });
		if (!r.ok) throw new Error(r.code);
		expect(r.document).toMatchObject({ filename: '管理规约.pdf', contentType: 'application/pdf' });
		expect(r.document.path).toMatch(new RegExp(`^assemblies/${assemblyId}/[0-9a-f]{32}\\.pdf$`));
		const back = await readDocument(db(), assemblyId, r.document.id);
		expect(Buffer.from(back!.bytes).toString()).toBe('%PDF-1.4\n%test document\n');

		const text = pdfText(
			await renderNotice((await assemblyDetail(db(), assemblyId))!, 'https://gy.example', T0)
		);
		const flat = text.replace(/\s+/g, '');
		expect(flat).toContain('2026年第一次业主大会会议');
		expect(flat).toContain('（二）制定和修改管理规约');
		expect(flat).toContain('参与表决面积、人数均过半数同意');
		expect(flat).toContain('王建喆');
		expect(flat).toContain(`https://gy.example/owner/assemblies/${assemblyId}`);
	});
});
