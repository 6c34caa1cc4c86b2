import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import type { Db } from '../../src/lib/server/db/client';
import { adminCreatePlace } from '../../src/lib/server/admin';
import { account, assembly, owner, place } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { GET as platformAuditCsv } from '../../src/routes/(admin)/admin/audit.csv/+server';
import { GET as estatesCsv } from '../../src/routes/(oversight)/oversight/estates.csv/+server';
import { GET as estateAuditCsv } from '../../src/routes/(staff)/staff/estates/[estateId]/audit.csv/+server';
import { GET as notVotedCsv } from '../../src/routes/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout/not-voted.csv/+server';
import { describeEngines, queryRows } from '../int/engines';
import { announcedAssembly } from '../int/ledger-fixture';

const HOSTILE = ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)', '\t=1'];
const FORMULA = /^[=+\-@\t\r]/;

/** Every cell of a CSV export: none may start like a formula; the hostile ones are quoted. */
async function cells(r: Response): Promise<string[]> {
	expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
	const text = (await r.text()).replace(/^\uFEFF/, '');
	return Papa.parse<string[]>(text.trim()).data.flat();
}

/** Routes that answer text/csv (the roll template is static text of ours, not stored data). */
function csvRoutes(): string[] {
	return (readdirSync('src/routes', { recursive: true }) as string[])
		.filter((f) => f.endsWith('+server.ts'))
		.filter((f) => readFileSync(`src/routes/${f}`, 'utf8').includes('text/csv'))
		.filter((f) => !f.includes('roll/template'))
		.sort();
}

it('the export routes tested below are every CSV route of the app', () => {
	expect(csvRoutes()).toEqual([
		'(admin)/admin/audit.csv/+server.ts',
		'(oversight)/oversight/estates.csv/+server.ts',
		'(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout/not-voted.csv/+server.ts',
		'(staff)/staff/estates/[estateId]/audit.csv/+server.ts'
	]);
	// Each builds its CSV with toCsv, directly or through auditCsv (which uses toCsv).
	for (const f of csvRoutes())
		expect(readFileSync(`src/routes/${f}`, 'utf8')).toMatch(/\b(toCsv|auditCsv)\(/);
	expect(readFileSync('src/lib/server/audit-view.ts', 'utf8')).toContain('return toCsv(');
});

describeEngines('export cells are neutralised (CSV)', (db) => {
	async function userOf(login: string) {
		const [a] = await db().select().from(account).where(eq(account.login, login));
		const token = generateSessionToken();
		await createSession(db(), token, a.id);
		const s = (await validateSessionToken(db(), token))!;
		return {
			id: a.id,
			login,
			displayName: login,
			ownerId: null,
			grants: s.grants,
			needsSecondFactor: false
		};
	}
	const event = (user: unknown, params: Record<string, string>, url = 'http://x/export.csv') =>
		({ locals: { db: db() as Db, user, locale: 'zh' }, params, url: new URL(url) }) as never;

	it('every export route: owners not voted (staff) and the street table (oversight)', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-csv' });
		const owners = await queryRows<{ id: string }>(
			db(),
			sql`select id from owner where estate_id = 'e-jinse' and kind = 'person' order by id limit 5`
		);
		for (const [i, o] of owners.entries())
			await db()
				.update(owner)
				.set({ name: HOSTILE[i], phone: HOSTILE[(i + 1) % HOSTILE.length] })
				.where(eq(owner.id, o.id));
		forgetVotingContext('asm-csv');
		expect(await openAssembly(db(), 'asm-csv', a.staffId)).toEqual({ ok: true });
		const staff = await userOf('staff');
		const notVoted = await cells(
			await notVotedCsv(event(staff, { estateId: 'e-jinse', assemblyId: 'asm-csv' }))
		);
		expect(notVoted.filter((c) => FORMULA.test(c))).toEqual([]);
		for (const h of HOSTILE) expect(notVoted).toContain(`'${h}`);

		await db().update(place).set({ name: HOSTILE[0] }).where(eq(place.id, 'e-jinse'));
		const oversight = await userOf('oversight');
		const street = await cells(await estatesCsv(event(oversight, {})));
		expect(street.filter((c) => FORMULA.test(c))).toEqual([]);
		expect(street).toContain(`'${HOSTILE[0]}`);
	});

	it('the audit trails (estate and platform): actor, object and place names', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-csv-audit' });
		forgetVotingContext('asm-csv-audit');
		await db().update(account).set({ displayName: HOSTILE[1] }).where(eq(account.id, a.staffId));
		await db().update(assembly).set({ title: HOSTILE[0] }).where(eq(assembly.id, a.id));
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const oversight = await userOf('oversight');
		const estate = await cells(await estateAuditCsv(event(oversight, { estateId: 'e-jinse' })));
		expect(estate.filter((c) => FORMULA.test(c))).toEqual([]);
		expect(estate).toContain(`'${HOSTILE[1]}`);
		expect(estate).toContain(`'${HOSTILE[0]}`);

		const admin = await userOf('admin');
		const r = await adminCreatePlace(db(), admin.id, { kind: 'district', name: HOSTILE[3] });
		expect(r.ok).toBe(true);
		const platform = await cells(await platformAuditCsv(event(admin, {})));
		expect(platform.filter((c) => FORMULA.test(c))).toEqual([]);
		expect(platform).toContain(`'${HOSTILE[3]}`);
	});
});
