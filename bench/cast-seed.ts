/**
 * bench/cast.ts's data, made with the app's own modules in the bench's throw-away database before
 * the server starts: an estate of ~2,000 owners, an open written assembly per round (two resolutions and a
 * 5-seat election, like the demo), 50 owner accounts with sessions, and the plain-insert table.
 */
import { sql } from 'drizzle-orm';
import { createAccount } from '../src/lib/server/accounts';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import type { Db } from '../src/lib/server/db/client';
import {
	assembly,
	assemblyItem,
	building,
	candidate,
	owner,
	unit
} from '../src/lib/server/db/schema';
import { openAssembly } from '../src/lib/server/ledger/lifecycle';
import { createPlace } from '../src/lib/server/places';

const OWNERS = 2_000;
const SESSIONS = 50;

/** The ballot the owner page sends for that assembly (r1, r2 and five of seven candidates). */
export const CHOICES = { r1: 'for', r2: 'against', e1: ['c1', 'c2', 'c3', 'c5', 'c7'] };

async function must<T extends { ok: boolean }>(p: Promise<T>): Promise<T> {
	const r = await p;
	if (!r.ok) throw new Error(`bench seed: ${JSON.stringify(r)}`);
	return r;
}

export async function seedCastBench(
	db: Db,
	rounds: number
): Promise<{ tokens: string[]; assemblies: string[]; staffId: string }> {
	await must(createPlace(db, { id: 'bd', kind: 'district', name: '区' }));
	await must(createPlace(db, { id: 'bs', kind: 'street', name: '街道', parentId: 'bd' }));
	await must(createPlace(db, { id: 'bc', kind: 'community', name: '社区', parentId: 'bs' }));
	await must(createPlace(db, { id: 'be', kind: 'estate', name: '压测小区', parentId: 'bc' }));
	const staff = await must(
		createAccount(db, {
			login: 'bench-staff',
			displayName: '筹备组',
			password: 'bench-password',
			grants: [{ role: 'staff', placeId: 'be' }]
		})
	);
	if (!staff.ok) throw new Error('unreachable');
	for (let b = 1; b <= 10; b++)
		await db.insert(building).values({ id: `bb${b}`, estateId: 'be', name: `${b}栋` });
	const owners = Array.from({ length: OWNERS }, (_, i) => ({
		id: `bo${i}`,
		estateId: 'be',
		kind: 'person' as const,
		name: `业主${i}`
	}));
	const units = owners.map((o, i) => ({
		id: `bu${i}`,
		estateId: 'be',
		buildingId: `bb${(i % 10) + 1}`,
		label: `${Math.floor(i / 10) + 101}`,
		kind: 'residence' as const,
		areaHundredths: BigInt(7000 + ((i * 7919) % 7000)),
		areaSource: 'register' as const,
		ownerId: o.id
	}));
	for (let i = 0; i < OWNERS; i += 500) {
		await db.insert(owner).values(owners.slice(i, i + 500));
		await db.insert(unit).values(units.slice(i, i + 500));
	}
	// One assembly per cast run, so every run starts from a fresh ledger (as the research
	// truncated its ballot table before each run) and the rounds do not depend on each other.
	const now = Date.now();
	const assemblies = Array.from({ length: rounds }, (_, r) => `bench-asm-${r + 1}`);
	for (const id of assemblies) {
		await db.insert(assembly).values({
			id: id,
			estateId: 'be',
			title: '压测业主大会',
			form: 'written',
			state: 'announced',
			opensAt: new Date(now - 60_000),
			closesAt: new Date(now + 86_400_000),
			revote: 'last',
			blank: 'abstain',
			announcedAt: new Date(now - 20 * 86_400_000),
			createdBy: staff.id
		});
		await db.insert(assemblyItem).values([
			{
				assemblyId: id,
				key: 'r1',
				position: 1,
				type: 'resolution',
				title: '续聘物业服务企业',
				matter: 4
			},
			{
				assemblyId: id,
				key: 'r2',
				position: 2,
				type: 'resolution',
				title: '筹集专项维修资金',
				matter: 6
			},
			{
				assemblyId: id,
				key: 'e1',
				position: 3,
				type: 'election',
				title: '选举业主委员会',
				matter: 3,
				seats: 5,
				alternates: 2
			}
		]);
		await db.insert(candidate).values(
			[1, 2, 3, 4, 5, 6, 7].map((k) => ({
				id: `${id}-c${k}`,
				assemblyId: id,
				itemKey: 'e1',
				key: `c${k}`,
				name: `候选人${k}`,
				vetting: 'approved' as const
			}))
		);
		await must(openAssembly(db, id, staff.id));
	}
	const tokens: string[] = [];
	for (let i = 0; i < SESSIONS; i++) {
		const acc = await must(
			createAccount(db, {
				login: `bench-owner${i}`,
				displayName: `业主${i}`,
				password: 'bench-password',
				grants: [{ role: 'owner', placeId: 'be' }],
				ownerId: `bo${i * 37}`
			})
		);
		if (!acc.ok) throw new Error('unreachable');
		const token = generateSessionToken();
		await createSession(db, token, acc.id);
		tokens.push(token);
	}
	await db.execute(sql`create table bench_plain_ballot (id bigserial primary key,
		account_id text not null, owner text not null, idempotency_key text, body text not null,
		at timestamptz not null)`);
	return { tokens, assemblies, staffId: staff.id };
}
