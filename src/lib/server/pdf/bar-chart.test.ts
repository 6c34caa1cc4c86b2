import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderDocument } from './document';
import { pdfText } from '../../../../tests/support/pdf-text';

describe('barChart block', () => {
	it('prints every bar’s figure, and the reference line’s label on each page it runs onto', async () => {
		const groups = Array.from({ length: 30 }, (_, i) => ({
			label: `第${i + 1}小区`,
			bars: [
				{ label: '面积', value: i * 3.5, text: `${(i * 3.5).toFixed(1)}%`, fill: '#1d4ed8' },
				{ label: '人数', value: 100 - i, text: `${(100 - i).toFixed(1)}%`, fill: '#0f766e' }
			],
			note: `通过 ${i}`
		}));
		const pdf = await renderDocument([
			{
				type: 'barChart',
				title: '各小区参与情况',
				legend: [
					{ label: '面积', fill: '#1d4ed8' },
					{ label: '人数', fill: '#0f766e' }
				],
				line: { at: 200 / 3, label: '2/3' },
				groups: [...groups, { label: '空小区', bars: [], empty: '尚无计票结果' }]
			}
		]);
		const pages = pdfText(pdf)
			.split('\f')
			.filter((p) => p.trim());
		expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
		expect(pages[0]).toContain('各小区参与情况');
		for (const p of pages) expect(p).toContain('2/3');
		const all = pages.join('\n');
		for (const g of groups) {
			expect(all).toContain(g.label);
			for (const b of g.bars) expect(all).toContain(b.text);
		}
		expect(all).toContain('尚无计票结果');
	});
});
