import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createAssembly } from '../../src/lib/server/assemblies/create';
import { nominateCandidate, vetCandidate } from '../../src/lib/server/assemblies/candidates';
import { auditCsv, auditView, parseAuditFilter } from '../../src/lib/server/audit-view';
import { account } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { describeEngines } from './engines';

// 10:00 on 1 March in Beijing; the early vetting below is 01:00 Beijing, still 28 February in UTC.
const T0 = new Date('2026-03-01T02:00:00.000Z');
const EARLY = new Date('2026-02-28T17:00:00.000Z');
const TITLE = '2026年第一次业主大会会议';
const MARCH_1 = { from: '2026-03-01', to: '2026-03-01' };

describeEngines('audit view', (db) => {
	async function setup() {
		await seedDemoIfEmpty(db());
		const rows = await db().select().from(account);
		const acc = (login: string) => rows.find((r) => r.login === login)!;
		const staff = acc('staff');
		const oversight = acc('oversight');
		const r = await createAssembly(db(), {
			actorId: staff.id,
			estateId: 'e-jinse',
			now: EARLY,
			input: {
				title: TITLE,
				description: '选举第一届业主委员会。',
				form: 'written',
				opensAt: new Date('2026-03-21T02:00:00Z'),
				closesAt: new Date('2026-03-31T02:00:00Z')
			},
			items: [
				{
					type: 'election',
					title: '选举第一届业主委员会',
					seats: 5,
					alternates: 2,
					candidates: [{ name: '王建喆' }, { name: '李玥' }]
				}
			]
		});
		if (!r.ok) throw new Error(r.code);
		const assemblyId = r.assembly.id;
		const vet = { actorId: oversight.id, assemblyId };
		const rejected = await vetCandidate(db(), {
			...vet,
			key: 'c2',
			decision: 'rejected',
			reason: '非本小区业主',
			now: EARLY
		});
		const approved = await vetCandidate(db(), { ...vet, key: 'c1', decision: 'approved', now: T0 });
		if (!rejected.ok || !approved.ok) throw new Error('vetting failed');
		return { staff, oversight, assemblyId };
	}

	it('names actions, objects and vetting decisions; filters by Beijing day, action and person', async () => {
		const { staff, oversight, assemblyId } = await setup();
		const v = await auditView(db(), 'e-jinse', { page: 1, filter: MARCH_1 });
		expect(v.check.ok).toBe(true);
		expect(v.total).toBe(6);
		expect(v.events.map((e) => [e.action, e.actor, e.object, e.vetting])).toEqual([
			[
				'assembly.candidate.vet',
				oversight.displayName,
				{ name: TITLE, part: '王建喆' },
				{ decision: 'approved', reason: null }
			],
			[
				'assembly.candidate.vet',
				oversight.displayName,
				{ name: TITLE, part: '李玥' },
				{ decision: 'rejected', reason: '非本小区业主' }
			],
			['assembly.candidate.nominate', staff.displayName, { name: TITLE, part: '李玥' }, undefined],
			[
				'assembly.candidate.nominate',
				staff.displayName,
				{ name: TITLE, part: '王建喆' },
				undefined
			],
			[
				'assembly.item.add',
				staff.displayName,
				{ name: TITLE, part: '选举第一届业主委员会' },
				undefined
			],
			['assembly.create', staff.displayName, { name: TITLE }, undefined]
		]);
		expect(JSON.stringify(v.events)).not.toContain(assemblyId);
		expect(v.choices.actions).toEqual(expect.arrayContaining(['assembly.create']));
		expect(v.choices.actors).toEqual(
			expect.arrayContaining([{ id: staff.id, name: staff.displayName }])
		);

		const only = (filter: Parameters<typeof auditView>[2]['filter']) =>
			auditView(db(), 'e-jinse', { page: 1, filter }).then((x) => x.events.map((e) => e.action));
		expect(await only({ ...MARCH_1, action: 'assembly.create' })).toEqual(['assembly.create']);
		expect(await only({ ...MARCH_1, actorId: oversight.id })).toEqual([
			'assembly.candidate.vet',
			'assembly.candidate.vet'
		]);
		// The day is Beijing's: 17:00 UTC on 28 February already counts as 1 March.
		expect(await only({ from: '2026-02-28', to: '2026-02-28' })).toEqual([]);
		expect(await only({ from: '2026-03-02', to: '2026-03-02' })).toEqual([]);
	});

	it('exports the filtered trail as formula-safe CSV in the reader language', async () => {
		const { staff, assemblyId } = await setup();
		const nominated = await nominateCandidate(db(), {
			actorId: staff.id,
			assemblyId,
			itemKey: 'e1',
			candidate: { name: '张堃' },
			now: T0
		});
		expect(nominated.ok).toBe(true);
		// A title that a spreadsheet would run as a formula.
		const formula = await createAssembly(db(), {
			actorId: staff.id,
			estateId: 'e-jinse',
			now: T0,
			input: {
				title: '=HYPERLINK("http://x")',
				description: '',
				form: 'written',
				opensAt: new Date('2026-03-21T02:00:00Z'),
				closesAt: new Date('2026-03-31T02:00:00Z')
			},
			items: []
		});
		expect(formula.ok).toBe(true);
		const url = new URL('http://x/audit.csv?from=2026-03-01&to=2026-03-01');
		const zh = await auditCsv(db(), 'e-jinse', url, 'zh');
		const lines = zh
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe('序号,时间（北京时间）,操作人,操作,对象,说明');
		expect(lines).toHaveLength(9);
		expect(lines[1]).toContain(`新建会议,"'=HYPERLINK(""http://x"")"`);
		expect(lines[2]).toContain(`提名候选人,${TITLE} · 张堃`);
		expect(zh).toContain(`审核候选人,${TITLE} · 李玥,未通过 · 理由：非本小区业主`);
		expect(zh).toContain(`审核候选人,${TITLE} · 王建喆,审核通过`);
		expect(zh).toContain('2026年3月1日 01:00');
		expect(zh).not.toContain(assemblyId);
		const en = await auditCsv(db(), 'e-jinse', url, 'en');
		expect(en).toContain(`Vetted a candidate,${TITLE} · 李玥,rejected · Reason: 非本小区业主`);
		expect(en).toContain('2026-03-01 01:00');
		const [created] = await db().select().from(account).where(eq(account.id, staff.id));
		expect(en).toContain(`Created an assembly,${TITLE}`);
		expect(created.displayName).not.toBe('');
	});

	it('drops unknown actions and malformed dates from the query', () => {
		const q = new URLSearchParams('action=drop.table&actor=a%27--&from=2026-13-45&to=2026-03-01');
		expect(parseAuditFilter(q)).toEqual({ to: '2026-03-01' });
		expect(
			parseAuditFilter(
				new URLSearchParams('action=assembly.candidate.vet&actor=acc_1&from=2026-03-01')
			)
		).toEqual({ action: 'assembly.candidate.vet', actorId: 'acc_1', from: '2026-03-01' });
	});
});
