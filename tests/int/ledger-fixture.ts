import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { account, assembly, assemblyItem, candidate } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';

const DAY = 86_400_000;

/**
 * An announced written assembly of the demo estate: a matter-4 resolution, a matter-6 (special)
 * resolution and an election of 2 seats and 1 alternate among three vetted candidates.
 */
export async function announcedAssembly(
	db: Db,
	opts: { id?: string; revote?: 'last' | 'first'; now?: Date } = {}
) {
	await seedDemoIfEmpty(db);
	const now = opts.now ?? new Date();
	const [staff] = await db.select().from(account).where(eq(account.login, 'staff'));
	const id = opts.id ?? 'asm-test';
	await db.insert(assembly).values({
		id,
		estateId: 'e-jinse',
		title: '2026年度业主大会',
		form: 'written',
		state: 'announced',
		opensAt: new Date(now.getTime() - DAY),
		closesAt: new Date(now.getTime() + 7 * DAY),
		revote: opts.revote ?? 'last',
		blank: 'abstain',
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
			title: '筹集维修资金',
			matter: 6
		},
		{
			assemblyId: id,
			key: 'e1',
			position: 3,
			type: 'election',
			title: '选举业主委员会',
			matter: 3,
			seats: 2,
			alternates: 1
		}
	]);
	await db.insert(candidate).values(
		['张伟', '李娜', '王芳'].map((name, i) => ({
			id: `${id}-c${i + 1}`,
			assemblyId: id,
			itemKey: 'e1',
			key: `c${i + 1}`,
			name,
			vetting: 'approved' as const
		}))
	);
	return { id, staffId: staff.id, closesAt: new Date(now.getTime() + 7 * DAY) };
}
