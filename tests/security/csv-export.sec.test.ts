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
import { account, owner, place } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { GET as estatesCsv } from '../../src/routes/(oversight)/oversight/estates.csv/+server';
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
		'(oversight)/oversight/estates.csv/+server.ts',
		'(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout/not-voted.csv/+server.ts'
	]);
	for (const f of csvRoutes()) expect(readFileSync(`src/routes/${f}`, 'utf8')).toContain('toCsv(');
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
	const event = (user: unknown, params: Record<string, string>) =>
		({ locals: { db: db() as Db, user, locale: 'zh' }, params }) as never;

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
});
