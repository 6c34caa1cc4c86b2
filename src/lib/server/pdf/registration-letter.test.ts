import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
	formatBeijingTime,
	formatCode,
	renderRegistrationLetters,
	type RegistrationLetter
} from './registration-letter';
import { pdfText } from '../../../../tests/support/pdf-text';

const base = {
	estateName: '阳光花园',
	street: '朝阳门街道',
	community: '竹杆社区',
	expiresAt: '2025-07-31T15:59:00Z'
};

function letter(ownerName: string, code: string, units = 1): RegistrationLetter {
	return {
		...base,
		ownerName,
		units: Array.from({ length: units }, (_, i) => ({
			building: `${i + 1}栋`,
			label: `2单元 ${1201 + i}室`,
			area: i ? '12.5' : '89.50'
		})),
		code,
		url: `https://gongyi.example.cn/register?code=${code}`
	};
}

const names = ['张喆', '李玥', '王堃', '犇犇'];
const codes = ['K7M2P9QR4X8TB3WZ', 'A2B3C4D5E6F7G8H9', 'Q9W8E7R6T5Y4U3P2', 'M4N5B6V7C8X9Z2L3'];
const batch = names.map((n, i) => letter(n, codes[i], i + 1));

describe('renderRegistrationLetters', () => {
	it('renders one A4 page per owner with extractable Chinese text, rare names and codes', async () => {
		const pdf = await renderRegistrationLetters(batch, { issuer: '阳光花园业主大会筹备组' });
		const doc = await PDFDocument.load(pdf);
		expect(doc.getPageCount()).toBe(4);
		const { width, height } = doc.getPage(0).getSize();
		expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);

		const pages = pdfText(pdf).split('\f');
		names.forEach((name, i) => {
			const page = pages[i];
			expect(page).toContain('业主身份登记通知书');
			expect(page).toContain('请妥善保管本通知书');
			// the Chinese letter carries no English subtitle
			expect(page).not.toMatch(/registration letter|keep it safe/i);
			expect(page).toContain(`尊敬的 ${name} 业主：`);
			expect(page).toContain(formatCode(codes[i]));
			expect(page).toContain('有效期至 2025年7月31日 23:59');
			expect(page).toContain('阳光花园业主大会筹备组');
			// pdftotext drops the narrow spaces of the small footer
			expect(page.replace(/ /g, '')).toContain(`第${i + 1}页/共4页`);
		});
		expect(pages[3]).toContain('合计');
		expect(pages[3]).toContain('127.00');
	});

	it('renders a batch of 200 letters, one page each', async () => {
		const many = Array.from({ length: 200 }, (_, i) =>
			letter(names[i % 4] + String(i), `CODE${String(i).padStart(12, '0')}`, 1 + (i % 3))
		);
		// Its render time is a bench figure (npm run bench -- pdf), not a test assertion.
		const pdf = await renderRegistrationLetters(many);
		expect((await PDFDocument.load(pdf)).getPageCount()).toBe(200);
		const pages = pdfText(pdf).split('\f');
		expect(pages[199]).toContain(formatCode(`CODE${String(199).padStart(12, '0')}`));
	}, 60_000);

	it('rejects an empty batch and a letter without a code', async () => {
		await expect(renderRegistrationLetters([])).rejects.toThrow();
		await expect(renderRegistrationLetters([letter('张喆', ' ')])).rejects.toThrow();
	});
});

describe('formatting', () => {
	it('groups codes by four', () => {
		expect(formatCode('k7m2 p9qr-4x8tb3wz')).toBe('K7M2-P9QR-4X8T-B3WZ');
		expect(formatCode('ABCDEF')).toBe('ABCD-EF');
	});

	it('shows expiry in Beijing time', () => {
		expect(formatBeijingTime('2025-12-31T16:30:00Z')).toBe('2026年1月1日 00:30');
		expect(() => formatBeijingTime('tomorrow')).toThrow(RangeError);
	});
});
