import { inArray, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from './db/client';
import { account, building, estateSetting, owner, place, unit } from './db/schema';
import { createAccount } from './accounts';
import { createPlace } from './places';
import { ensureRootPlace, ROOT_PLACE_ID } from './admin/scope';
import { personalDataHasher } from './secrets';
import { seedDemoAssemblies } from './demo-assemblies';

export interface DemoAccount {
	login: string;
	password: string;
	role: string;
	/** The base32 TOTP secret of staff, oversight and admin demo accounts. */
	totpSecret?: string;
}

const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN =
	'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志宏文辉鹏飞雪梅玲晶喆玥堃';

/** A small deterministic PRNG, so every demo install shows the same estate. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const DEMO_PASSWORD = 'gongyi2026';
/**
 * The demo's staff, oversight and admin accounts share this confirmed TOTP secret (base32, SHA1,
 * 6 digits, 30 s), so anyone can add it to an authenticator app — and the e2e tests compute codes.
 * Public on purpose: a demo install is not for real data.
 */
export const DEMO_TOTP_SECRET = 'GONGYIDEMOTOTPSECRETJINSEJIAYUAN';

/**
 * What else the demo seeds. `assemblies`: a published and an open assembly of 金色家园 (the CLI's
 * `demo` and the demo start); off by default so tests start from an estate without assemblies.
 */
export interface DemoOptions {
	assemblies?: boolean;
}

/** Seeds the demo only into an empty database; returns the accounts it made, or null. */
export async function seedDemoIfEmpty(
	db: Db,
	opts: DemoOptions = {}
): Promise<DemoAccount[] | null> {
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(place)
		.where(ne(place.kind, 'platform'));
	if (n > 0) return null;
	return db.transaction((tx) => seedDemo(tx, opts));
}

async function must<T extends { ok: boolean }>(p: Promise<T>): Promise<Extract<T, { ok: true }>> {
	const r = await p;
	if (!r.ok) throw new Error(`demo seed failed: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

/** One district, street and community; 金色家园 with ~200 units in five buildings, and a small second estate. */
export async function seedDemo(tx: Executor, opts: DemoOptions = {}): Promise<DemoAccount[]> {
	await ensureRootPlace(tx);
	const district = await must(
		createPlace(tx, { id: 'd-shishi', kind: 'district', name: '石狮市' })
	);
	const street = await must(
		createPlace(tx, {
			id: 's-hubin',
			kind: 'street',
			name: '湖滨街道',
			parentId: district.place.id
		})
	);
	const community = await must(
		createPlace(tx, {
			id: 'c-hubin',
			kind: 'community',
			name: '湖滨社区',
			parentId: street.place.id
		})
	);
	const estate = await must(
		createPlace(tx, {
			id: 'e-jinse',
			kind: 'estate',
			name: '金色家园',
			parentId: community.place.id
		})
	);
	const estate2 = await must(
		createPlace(tx, {
			id: 'e-binhai',
			kind: 'estate',
			name: '滨海花园',
			parentId: community.place.id
		})
	);
	const idKey = await personalDataHasher(tx);
	const owners1 = await seedRoll(
		tx,
		estate.place.id,
		{ buildings: 5, floors: 10, perFloor: 4, seed: 7 },
		idKey
	);
	await seedRoll(tx, estate2.place.id, { buildings: 2, floors: 5, perFloor: 2, seed: 11 }, idKey);

	const accounts: DemoAccount[] = [];
	const add = async (
		login: string,
		name: string,
		role: string,
		grants: Parameters<typeof createAccount>[1]['grants'],
		ownerId?: string
	) => {
		await must(
			createAccount(tx, { login, displayName: name, password: DEMO_PASSWORD, grants, ownerId })
		);
		accounts.push({ login, password: DEMO_PASSWORD, role });
	};
	await add('admin', '平台管理员', 'platform admin', [{ role: 'admin', placeId: ROOT_PLACE_ID }]);
	await add('oversight', '湖滨街道党工委', 'oversight (湖滨街道)', [
		{ role: 'oversight', placeId: street.place.id }
	]);
	await add('staff', '金色家园筹备组', 'staff (金色家园)', [
		{ role: 'staff', placeId: estate.place.id }
	]);
	// A second member of the group: paper ballots need two different people to enter them.
	await add('clerk', '金色家园筹备组计票员', 'staff (金色家园), second person for paper entry', [
		{ role: 'staff', placeId: estate.place.id }
	]);
	await add('staff2', '滨海花园业委会', 'staff (滨海花园)', [
		{ role: 'staff', placeId: estate2.place.id }
	]);
	for (const [i, o] of owners1.slice(0, 5).entries()) {
		await add(
			`owner${i + 1}`,
			o.name,
			`owner (金色家园)`,
			[{ role: 'owner', placeId: estate.place.id }],
			o.id
		);
	}
	const privileged = accounts.filter((a) => !a.login.startsWith('owner')).map((a) => a.login);
	await tx
		.update(account)
		.set({ totpSecret: DEMO_TOTP_SECRET, totpConfirmedAt: new Date() })
		.where(inArray(account.login, privileged));
	for (const a of accounts) if (privileged.includes(a.login)) a.totpSecret = DEMO_TOTP_SECRET;
	// The lifecycle functions open their own (here: nested) transactions, hence the Db type.
	if (opts.assemblies) await seedDemoAssemblies(tx as Db);
	return accounts;
}

async function seedRoll(
	tx: Executor,
	estateId: string,
	shape: { buildings: number; floors: number; perFloor: number; seed: number },
	idKey: (s: string) => string
) {
	const rand = prng(shape.seed);
	const pick = (s: string) => s[Math.floor(rand() * s.length)];
	// The demo estates lie in 石狮 (泉州, 福建): the province's regulation applies.
	await tx.insert(estateSetting).values({ estateId, ruleSet: 'fujian' });
	const owners: (typeof owner.$inferInsert & { name: string })[] = [];
	const units: (typeof unit.$inferInsert)[] = [];
	const developer = {
		id: `${estateId}-dev`,
		estateId,
		kind: 'developer' as const,
		name: '开发商（未售房屋）'
	};
	owners.push(developer);
	for (let b = 1; b <= shape.buildings; b++) {
		const buildingId = `${estateId}-b${b}`;
		await tx.insert(building).values({ id: buildingId, estateId, name: `${b}栋` });
		for (let f = 1; f <= shape.floors; f++) {
			for (let r = 1; r <= shape.perFloor; r++) {
				const label = `${f}0${r}`;
				const area =
					BigInt(7000 + Math.floor(rand() * 7000)) * 1n + BigInt(Math.floor(rand() * 100));
				const roll = rand();
				let ownerId: string;
				if (roll < 0.06) ownerId = developer.id;
				else if (roll < 0.14 && owners.length > 1)
					ownerId = owners[1 + Math.floor(rand() * (owners.length - 1))].id!;
				else {
					const n = owners.length;
					const idNumber = `350581${1950 + (n % 50)}0${1 + (n % 9)}1${n % 10}${String(1000 + n).slice(-3)}${n % 10 === 3 ? 'X' : n % 10}`;
					const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
					const o = {
						id: `${estateId}-o${n}`,
						estateId,
						kind: 'person' as const,
						name,
						idKey: idKey(idNumber),
						idLast4: idNumber.slice(-4),
						phone: `139${String(50000000 + n * 7919).slice(-8)}`
					};
					owners.push(o);
					ownerId = o.id;
				}
				units.push({
					id: `${buildingId}-${label}`,
					estateId,
					buildingId,
					label,
					kind: 'residence',
					areaHundredths: area,
					areaSource: 'register',
					ownerId
				});
			}
		}
	}
	const used = new Set(units.map((u) => u.ownerId));
	await tx.insert(owner).values(owners.filter((o) => used.has(o.id!)));
	await tx.insert(unit).values(units);
	return owners.filter((o) => o.kind === 'person');
}
