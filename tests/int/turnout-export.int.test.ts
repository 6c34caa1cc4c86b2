import { and, desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { turnoutReport } from '../../src/lib/server/assemblies/turnout';
import { auditCsv } from '../../src/lib/server/audit-view';
import type { Db } from '../../src/lib/server/db/client';
import { auditLog } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { GET as notVotedCsv } from '../../src/routes/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout/not-voted.csv/+server';
import { userOf as signedIn } from '../security/route-harness';
import { describeEngines } from './engines';

/** The demo's open assembly (src/lib/server/demo-assemblies.ts). */
const OPEN = 'a-jinse-2026-2';
const ESTATE = 'e-jinse';

describeEngines('the not-voted export (催票)', (db) => {
	/** A signed-in user as the hooks put it on locals (route-harness.ts). */
	const userOf = async (login: string) => (await signedIn(db(), login)).user;
	const event = (user: unknown, locale = 'zh') =>
		({
			locals: { db: db() as Db, user, locale },
			params: { estateId: ESTATE, assemblyId: OPEN },
			url: new URL(`http://x/staff/estates/${ESTATE}/assemblies/${OPEN}/turnout/not-voted.csv`)
		}) as never;
	const exports = () =>
		db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.scope, ESTATE), eq(auditLog.action, 'turnout.exportNotVoted')))
			.orderBy(desc(auditLog.seq));

	it('is audited with who exported it, for which assembly and how many owners, never the names', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const staff = await userOf('staff');
		expect(await exports()).toHaveLength(0);
		const res = await notVotedCsv(event(staff));
		expect(res.status).toBe(200);
		const csv = await res.text();
		const report = (await turnoutReport(db(), OPEN))!;
		expect(report.notVoted.length).toBeGreaterThan(0);
		expect(csv).toContain(report.notVoted[0].name);

		const [entry] = await exports();
		expect(entry).toMatchObject({ actorId: staff.id, subject: OPEN });
		expect(JSON.parse(entry.body).after).toEqual({ count: report.notVoted.length, format: 'csv' });
		expect(entry.body).not.toContain(report.notVoted[0].name);
		if (report.notVoted[0].phone) expect(entry.body).not.toContain(report.notVoted[0].phone);

		// The audit trail names the action in both languages, with the assembly's title.
		for (const [locale, words] of [
			['zh', '导出未投票业主名单'],
			['en', 'Exported the list of owners who have not voted']
		] as const) {
			const csv = await auditCsv(
				db(),
				ESTATE,
				new URL('http://x/staff/estates/e-jinse/audit'),
				locale
			);
			const line = csv.split('\r\n').find((l) => l.includes(words));
			expect(line).toContain('2026年第二次业主大会');
		}
	});

	it('is not audited when the export is refused', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const owner = await userOf('owner1');
		await expect(notVotedCsv(event(owner))).rejects.toMatchObject({ status: 404 });
		expect(await exports()).toHaveLength(0);
	});
});
