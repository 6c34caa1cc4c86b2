import { describe, expect, it } from 'vitest';
import { previewRoll } from '$lib/domain/roll';
import { readRollFile } from './read-file';
import { rollTemplateCsv, rollTemplateFilename, rollTemplateXlsx } from './template';

const idKey = (id: string) => `k:${id}`;

describe('roll templates', () => {
	it.each(['zh', 'en'] as const)(
		'%s CSV starts with a UTF-8 BOM and imports cleanly',
		async (locale) => {
			const bytes = rollTemplateCsv(locale);
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const f = await readRollFile(bytes, rollTemplateFilename(locale, 'csv'));
			if ('error' in f) throw new Error(f.error.code);
			expect(f.header[0]).toBe(locale === 'zh' ? '楼栋' : 'building');
			const p = previewRoll(f, { idKey });
			expect(p.problems).toEqual([]);
			expect(p.totals).toMatchObject({ units: 3, heads: 3, area: '222.25' });
			expect(p.units.find((u) => u.unit === '102')?.coOwnerKeys).toHaveLength(1);
			expect(p.owners.find((o) => o.kind === 'developer')?.unitKeys).toHaveLength(1);
		}
	);
	it.each(['zh', 'en'] as const)('%s XLSX imports cleanly and equals the CSV', async (locale) => {
		const f = await readRollFile(
			await rollTemplateXlsx(locale),
			rollTemplateFilename(locale, 'xlsx')
		);
		const csv = await readRollFile(rollTemplateCsv(locale), 'template.csv');
		if ('error' in f || 'error' in csv) throw new Error('unreadable template');
		expect(f.format).toBe('xlsx');
		expect(f.header).toEqual(csv.header);
		expect(f.rows).toEqual(csv.rows);
		expect(previewRoll(f, { idKey }).ok).toBe(true);
	});
	it('names the downloads per locale', () => {
		expect(rollTemplateFilename('zh', 'csv')).toBe('业主名册模板.csv');
		expect(rollTemplateFilename('en', 'xlsx')).toBe('owner-roll-template.xlsx');
	});
});
