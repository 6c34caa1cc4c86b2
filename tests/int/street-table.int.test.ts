import { expect, it } from 'vitest';
import { toCsv } from '../../src/lib/server/csv';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { streetTable } from '../../src/lib/server/oversight/street-table';
import { describeEngines } from './engines';

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
