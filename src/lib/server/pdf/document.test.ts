import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDocument, type Block } from './document';
import { assetsDir } from './fonts';
import { qrPath } from './qr';
import { pdfText } from '../../../../tests/support/pdf-text';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('renderDocument', () => {
	it('embeds rare name characters so they extract again', async () => {
		const pdf = await renderDocument([
			{ type: 'heading', text: '业主名单' },
			{ type: 'text', text: '张喆、李玥、王堃、犇犇（Zhang Zhe）', bold: true },
			{ type: 'kv', rows: [['面积', '89.50 m²']] }
		]);
		const text = pdfText(pdf);
		expect(text).toContain('张喆、李玥、王堃、犇犇（Zhang Zhe）');
		expect(text).toContain('89.50 m²');
	});

	it('breaks a long table across pages, repeats its header and numbers the pages', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => [`${i + 1}栋`, `户主${i + 1}`, '89.50']);
		const pdf = await renderDocument([
			{ type: 'heading', text: '参与表决情况' },
			{ type: 'table', columns: [{ header: '楼栋' }, { header: '业主' }, { header: '面积' }], rows }
		]);
		const pages = pdfText(pdf)
			.split('\f')
			.filter((p) => p.trim());
		const n = (await PDFDocument.load(pdf)).getPageCount();
		expect(n).toBeGreaterThan(2);
		expect(pages).toHaveLength(n);
		pages.forEach((p, i) => {
			expect(p).toContain('楼栋');
			expect(squash(p)).toContain(`第${i + 1}页/共${n}页`);
		});
		expect(pages[n - 1]).toContain('120栋');
	});

	it('starts a new page at a page break and drops the footer on request', async () => {
		const pdf = await renderDocument(
			[{ type: 'text', text: '甲' }, { type: 'pageBreak' }, { type: 'text', text: '乙' }],
			{ footer: false }
		);
		expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
		expect(pdfText(pdf)).not.toContain('页');
	});

	it('renders an empty document as one blank page', async () => {
		expect((await PDFDocument.load(await renderDocument([]))).getPageCount()).toBe(1);
	});

	it('lays out a minutes-sized document (50 items, 2,000 table rows) in full', async () => {
		const items: Block[] = Array.from({ length: 50 }, (_, i): Block[] => [
			{ type: 'heading', text: `第${i + 1}项 关于续聘物业服务企业的议案` },
			{
				type: 'text',
				text: '根据《中华人民共和国民法典》第二百七十八条，本项经表决通过。'.repeat(4)
			},
			{
				type: 'table',
				columns: [{ header: '意见' }, { header: '面积（m²）' }, { header: '人数' }],
				rows: [
					['同意', '152340.25', '1620'],
					['反对', '2310.50', '21'],
					['弃权', '880.00', '9']
				]
			}
		]).flat();
		const roll: Block = {
			type: 'table',
			columns: [{ header: '楼栋' }, { header: '房屋', width: 2 }, { header: '面积' }],
			rows: Array.from({ length: 2000 }, (_, i) => [`${(i % 40) + 1}栋`, `${i}室`, '96.40'])
		};
		// Its render time is a bench figure (npm run bench -- pdf), not a test assertion.
		const pdf = await renderDocument([...items, roll]);
		const pages = pdfText(pdf)
			.split('\f')
			.filter((p) => p.trim());
		expect(pages).toHaveLength((await PDFDocument.load(pdf)).getPageCount());
		expect(pages.length).toBeGreaterThan(40);
		expect(pages[0]).toContain('第1项 关于续聘物业服务企业的议案');
		expect(squash(pages.join(''))).toContain('第50项关于续聘物业服务企业的议案');
		expect(pages.at(-1)).toContain('1999室');
	}, 30_000);
});

describe('qrPath', () => {
	it('draws the modules of a QR code as rectangles', () => {
		const { path, modules } = qrPath('https://gongyi.example.cn/r/ABCD');
		expect(modules).toBeGreaterThanOrEqual(21);
		expect(path).toMatch(/^M0 0h7v1h-7z/);
	});
});

describe('assetsDir', () => {
	const saved = process.env.GONGYI_ASSETS;
	afterEach(() => {
		if (saved === undefined) delete process.env.GONGYI_ASSETS;
		else process.env.GONGYI_ASSETS = saved;
	});

	it('uses GONGYI_ASSETS when set, else assets/ under the working directory', () => {
		delete process.env.GONGYI_ASSETS;
		expect(assetsDir()).toBe(`${process.cwd()}/assets`);
		process.env.GONGYI_ASSETS = '/srv/gongyi/assets';
		expect(assetsDir()).toBe('/srv/gongyi/assets');
	});
});
