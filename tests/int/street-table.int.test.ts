import { expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { streetTablePdf } from '../../src/lib/server/oversight/street-pdf';
import { pdfText } from '../support/pdf-text';
import { toCsv } from '../../src/lib/server/csv';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { streetTable } from '../../src/lib/server/oversight/street-table';
import { userOf as signedIn } from '../security/route-harness';
import { describeEngines } from './engines';
import type { Db } from '../../src/lib/server/db/client';
import { GET as estatesCsv } from '../../src/routes/(oversight)/oversight/estates.csv/+server';
import { GET as estatesPdf } from '../../src/routes/(oversight)/oversight/estates.pdf/+server';

describeEngines('the street table across estates', (db) => {
	it('lists each estate with the latest result’s participation and outcomes, exported as CSV', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const rows = await streetTable(db(), '/d-shishi/s-hubin/');
		const jinse = rows.find((r) => r.estate === '金色家园')!;
		expect(jinse).toMatchObject({ units: 200, assembly: '2026年第一次业主大会' });
		expect(Number(jinse.areaPct)).toBeGreaterThan(66.6);
		expect(jinse.outcomes).toContain('r1:passed');
		expect(rows.find((r) => r.estate === '滨海花园')).toMatchObject({ assembly: '', areaPct: '' });
		const csv = toCsv(
			['estate', 'outcomes'],
			rows.map((r) => [r.estate, r.outcomes])
		);
		expect(csv).toContain('金色家园,e1:complete r1:passed r2:failed\r\n');
	});
});

describeEngines('the street table as PDF', (db) => {
	it('holds every estate’s figures in the UI language', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const rows = await streetTable(db(), '/d-shishi/s-hubin/');
		const text = pdfText(await streetTablePdf(rows, translator('zh'), '湖滨街道'));
		for (const r of rows)
			for (const v of [r.estate, r.units, r.heads, r.area, r.areaPct, r.headsPct])
				expect(text).toContain(String(v));
		// The outcomes cell wraps inside its column.
		expect(text.replace(/\s/g, '')).toContain('选举完成1·通过1·未通过1');
		expect(text.replace(/\s/g, '')).toContain('第1页共1页');
		// The console's chart follows the table: its title, the 2/3 line's label and each
		// estate's bars printed as percentages (the table's cells have no % sign).
		expect(text).toContain('各小区参与情况');
		expect(text).toContain('2/3');
		for (const r of rows)
			if (r.areaPct) {
				expect(text).toContain(`${r.areaPct}%`);
				expect(text).toContain(`${r.headsPct}%`);
			}
		expect(text).toContain('尚无计票结果');
		const en = pdfText(await streetTablePdf(rows, translator('en'), 'Hubin'));
		expect(en).toContain('Hubin · Estates table');
		expect(en).toContain('Participation across the estates');
		expect(en.replace(/\s/g, '')).toContain('Page1of1');
	});
});

describeEngines('the street table downloads', (db) => {
	/** A signed-in user as the hooks put it on locals (route-harness.ts). */
	const userOf = async (login: string) => (await signedIn(db(), login)).user;
	const event = (user: unknown) =>
		({
			locals: { db: db() as Db, user, locale: 'zh' },
			params: {},
			url: new URL('http://x/oversight/estates.pdf')
		}) as never;
	const status = async (run: () => Response | Promise<Response>) => {
		try {
			return (await run()).status;
		} catch (e) {
			return (e as { status: number }).status;
		}
	};

	it('the PDF and the CSV go to oversight accounts only; estate staff get 403', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const street = await userOf('oversight');
		const staff = await userOf('staff');
		const pdf = await estatesPdf(event(street));
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain('金色家园');
		expect(await status(() => estatesPdf(event(staff)))).toBe(403);
		expect(await status(() => estatesCsv(event(staff)))).toBe(403);
	});
});
