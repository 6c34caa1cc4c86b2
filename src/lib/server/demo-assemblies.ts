import { asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from './db/client';
import { account, assembly, assemblyItem, candidate, owner, unit } from './db/schema';
import { castBallot } from './ballots/cast';
import { makeCheckpoint } from './ledger/checkpoints';
import { closeAssembly, openAssembly } from './ledger/lifecycle';
import { countAndStore, publishResult } from './ledger/result';
import { seedPaperAndProxies } from './demo-channels';
import { nameScrutineer } from './minutes/scrutineers';
import { ballotPlan, OPEN_ITEMS, PUBLISHED_ITEMS, type DemoItem } from './demo-story';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const DEMO_PUBLISHED_ID = 'a-jinse-2026-1';
export const DEMO_OPEN_ID = 'a-jinse-2026-2';
export const DEMO_MEETING_ID = 'a-jinse-2026-m';

async function must<T extends { ok: boolean }>(what: string, p: Promise<T>): Promise<T> {
	const r = await p;
	if (!r.ok) throw new Error(`demo ${what} failed: ${JSON.stringify(r)}`);
	return r;
}

async function loginId(db: Db, login: string): Promise<string> {
	const [a] = await db.select({ id: account.id }).from(account).where(eq(account.login, login));
	if (!a) throw new Error(`demo account ${login} missing`);
	return a.id;
}

/** Owners of 金色家园 in roll order (developer first, then o1, o2, …), each with one unit. */
async function rollOwners(db: Db) {
	const rows = await db
		.select({ id: owner.id, name: owner.name, unitId: unit.id })
		.from(owner)
		.innerJoin(unit, eq(unit.ownerId, owner.id))
		.where(eq(owner.estateId, 'e-jinse'))
		.orderBy(asc(unit.id));
	const n = (id: string) => (id.endsWith('-dev') ? -1 : Number(id.split('-o').pop()));
	const seen = new Map<string, (typeof rows)[number]>();
	for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r);
	return [...seen.values()].sort((x, y) => n(x.id) - n(y.id));
}

/** An announced written assembly (as the assemblies module leaves it after the street's review). */
async function insertAnnounced(
	db: Db,
	a: {
		id: string;
		title: string;
		description: string;
		opensAt: Date;
		closesAt: Date;
		form?: 'written' | 'meeting';
		talliesVisible?: boolean;
	},
	items: DemoItem[],
	who: { staff: string; oversight: string },
	candidates: { name: string; unitId: string; profile: string; partyMember: boolean }[] = []
) {
	const announcedAt = new Date(a.opensAt.getTime() - 17 * DAY);
	await db.insert(assembly).values({
		...a,
		estateId: 'e-jinse',
		form: a.form ?? 'written',
		state: 'announced',
		revote: 'last',
		blank: 'abstain',
		announcedAt,
		createdBy: who.staff,
		createdAt: new Date(announcedAt.getTime() - 10 * DAY)
	});
	await db
		.insert(assemblyItem)
		.values(items.map((it, i) => ({ ...it, assemblyId: a.id, position: i + 1 })));
	if (!candidates.length) return;
	await db.insert(candidate).values(
		candidates.map((c, i) => ({
			...c,
			id: `${a.id}-c${i + 1}`,
			assemblyId: a.id,
			itemKey: 'e1',
			key: `c${i + 1}`,
			vetting: 'approved' as const,
			vettedBy: who.oversight,
			vettedAt: new Date(announcedAt.getTime() - 3 * DAY)
		}))
	);
}

const SCRUTINEERS: ['supervisor' | 'counter', string][] = [
	['supervisor', '周建平'],
	['supervisor', '吴秀兰'],
	['counter', '郑丽华'],
	['counter', '孙国强']
];

/**
 * The demo's assemblies of 金色家园: one published (about 150 ballots with revotes, checkpoints,
 * closed, counted, signed, published) and one open now that owner1..owner3 have not voted in yet.
 * Runs inside the demo seed's transaction: every step uses the real lifecycle and cast functions
 * with a time inside the story, so the audit trail and the chain look as if it all happened.
 */
export async function seedDemoAssemblies(db: Db, now = new Date()): Promise<void> {
	const who = { staff: await loginId(db, 'staff'), oversight: await loginId(db, 'oversight') };
	const owners = await rollOwners(db);
	const accounts = await db
		.select({ id: account.id, ownerId: account.ownerId })
		.from(account)
		.where(isNotNull(account.ownerId));
	const accountOf = (ownerId: string) =>
		accounts.find((a) => a.ownerId === ownerId)?.id ?? `demo:${ownerId}`;

	// 1. Published: a 15-day window that ended five days ago; its result announcement (公示) runs
	// for three more days, so owners can still object.
	const day0 = new Date(Math.floor(now.getTime() / DAY) * DAY - 20 * DAY + HOUR); // 09:00 Beijing
	const pub = {
		id: DEMO_PUBLISHED_ID,
		title: '2026年第一次业主大会',
		description: '书面征求意见：续聘物业、筹集专项维修资金、选举第一届业主委员会。',
		opensAt: day0,
		closesAt: new Date(day0.getTime() + 15 * DAY)
	};
	const people = owners.filter((o) => !o.id.endsWith('-dev'));
	const picks = [20, 33, 47, 58, 71, 86, 99].map((i) => people[i % people.length]);
	await insertAnnounced(
		db,
		pub,
		PUBLISHED_ITEMS,
		who,
		PROFILES.map((p, i) => ({
			name: picks[i].name,
			unitId: picks[i].unitId,
			...p
		}))
	);
	await must('open', openAssembly(db, pub.id, who.staff, pub.opensAt));
	const window = pub.closesAt.getTime() - pub.opensAt.getTime();
	const plan = ballotPlan(owners.map((o) => o.id));
	for (const [i, b] of plan.entries()) {
		const at = new Date(pub.opensAt.getTime() + Math.floor(b.when * window));
		await must(
			'ballot',
			castBallot(
				db,
				{
					assemblyId: pub.id,
					ownerId: b.ownerId,
					accountId: accountOf(b.ownerId),
					choices: b.choices
				},
				at
			)
		);
		// A checkpoint now and then, as the running server signs them while voting goes on.
		if (i % 50 === 49) await makeCheckpoint(db, pub.id, new Date(at.getTime() + 60_000));
	}
	// Paper and proxy ballots of owners who did not vote online, after the last online ballot.
	const voted = new Set(plan.map((b) => b.ownerId));
	const withAccount = new Set(accounts.map((a) => a.ownerId));
	const others = people.filter((o) => !voted.has(o.id) && !withAccount.has(o.id));
	const pick = (k: number) => ({ ownerId: others[k].id, choices: plan[k * 11].choices });
	await seedPaperAndProxies(
		db,
		pub.id,
		{
			staff: who.staff,
			clerk: await loginId(db, 'clerk'),
			third: await loginId(db, 'admin'),
			proxyLogin: 'owner1',
			proxyId: await loginId(db, 'owner1')
		},
		{ paper: [0, 1, 2, 3, 4].map(pick), proxy: [5, 6].map(pick) },
		new Date(pub.closesAt.getTime() - 5 * HOUR)
	);
	const closed = new Date(pub.closesAt.getTime() + 5 * 60_000);
	await must('close', closeAssembly(db, pub.id, who.staff, closed));
	// The scrutineers who watched the count and counted (监票人、计票人), named in the minutes.
	for (const [role, name] of SCRUTINEERS)
		await must(
			'scrutineer',
			nameScrutineer(db, { actorId: who.staff, assemblyId: pub.id, role, name }, closed)
		);
	await must('count', countAndStore(db, pub.id, who.staff, new Date(closed.getTime() + 2 * HOUR)));
	await must('publish', publishResult(db, pub.id, who.staff, new Date(closed.getTime() + DAY)));

	// 2. Open now (since yesterday, for two more weeks): a couple of neighbours already voted.
	await seedOpenAssembly(db, who, now, [people[9].id, people[10].id]);

	// 3. A meeting (集体讨论) announced for today in the hall: staff open it on site.
	await insertAnnounced(
		db,
		{
			id: DEMO_MEETING_ID,
			title: '2026年业主大会现场会议',
			description: '现场集体讨论：议题逐项表决，会场投影显示到场人数和表决结果。',
			opensAt: new Date(now.getTime() - HOUR),
			closesAt: new Date(now.getTime() + 2 * DAY),
			form: 'meeting',
			// The meeting's rules announce each item's result in the hall once it is closed.
			talliesVisible: true
		},
		OPEN_ITEMS.slice(0, 2),
		who
	);
}

/** The open assembly; `voters` (roll owner ids) have already cast a ballot. */
export async function seedOpenAssembly(
	db: Db,
	who: { staff: string; oversight: string },
	now: Date,
	voters: string[]
): Promise<string> {
	const opensAt = new Date(now.getTime() - DAY);
	const a = {
		id: DEMO_OPEN_ID,
		title: '2026年第二次业主大会',
		description: '书面征求意见：使用维修资金更换电梯、设置广告位、修改管理规约停车条款。',
		opensAt,
		closesAt: new Date(now.getTime() + 14 * DAY)
	};
	await insertAnnounced(db, a, OPEN_ITEMS, who);
	await must('open', openAssembly(db, a.id, who.staff, opensAt));
	for (const [i, ownerId] of voters.entries()) {
		const choices = { r1: 'for', r2: i % 2 ? 'against' : 'for', r3: 'abstain' };
		const at = new Date(opensAt.getTime() + (i + 2) * HOUR);
		await must(
			'ballot',
			castBallot(db, { assemblyId: a.id, ownerId, accountId: `demo:${ownerId}`, choices }, at)
		);
	}
	return a.id;
}

const PROFILES = [
	{ profile: '退休教师，小区楼长，熟悉业主情况。', partyMember: true },
	{ profile: '注册会计师，愿意负责维修资金账目公开。', partyMember: false },
	{ profile: '土木工程师，关注电梯与外墙维修。', partyMember: true },
	{ profile: '社区志愿者，组织过多次邻里活动。', partyMember: false },
	{ profile: '律师，可协助审查物业服务合同。', partyMember: false },
	{ profile: '个体经营者，长期参与小区停车管理讨论。', partyMember: true },
	{ profile: '退休医生，关心老年业主的出行与安全。', partyMember: false }
];
