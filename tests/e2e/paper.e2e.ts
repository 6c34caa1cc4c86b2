import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { logIn, open } from './helpers';

/** The demo's assembly that is open now (src/lib/server/demo-assemblies.ts). */
const PAPER = '/staff/estates/e-jinse/assemblies/a-jinse-2026-2/paper';

const entryOf = (page: Page) => page.getByRole('region', { name: '录入一张纸质票' });
const CODE = '表决票编号（扫描二维码或手动输入）';

async function tick(page: Page, marks: string[]) {
	const groups = entryOf(page).getByRole('group');
	for (const [i, m] of marks.entries()) await groups.nth(i).getByText(m, { exact: true }).click();
}

test('staff print paper ballots; two staff enter the same ballot, one by feeding a QR photo to the scanner; it joins the ledger', async ({
	page,
	browser
}) => {
	await logIn(page, 'staff');
	await open(page, PAPER);
	await expect(page.getByRole('heading', { name: '纸质表决票' })).toBeVisible();
	await page.getByLabel('楼栋').selectOption({ label: '1栋' });
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: '打印表决票（PDF）' }).click()
	]);
	const file = test.info().outputPath('ballots.pdf');
	await download.saveAs(file);
	expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
	expect(text).toContain('业主（代理人）签名');
	const code = /表决票编号\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)![1];

	// Staff member A types the code from the paper.
	await open(page, PAPER);
	const groups = await entryOf(page).getByRole('group').count();
	expect(groups).toBeGreaterThanOrEqual(2);
	const marks = Array.from({ length: groups }, (_, i) => ['同意', '反对', '弃权'][i % 3]);
	await entryOf(page).getByLabel(CODE).fill(code);
	await tick(page, marks);
	await page.getByRole('button', { name: '提交录入' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已记录第一次录入' })).toBeVisible();
	await expect(entryOf(page).getByLabel(CODE)).toHaveValue('');

	// Member B, on another device, scans a photo of the QR code and sees nothing of A's entry.
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const b = await ctx.newPage();
	await logIn(b, 'clerk');
	await open(b, PAPER);
	await expect(b.getByText('同意', { exact: true }).first()).toBeVisible();
	const photo = test.info().outputPath('qr.png');
	await QRCode.toFile(photo, 'GYB:' + code.replaceAll('-', ''), { width: 360, margin: 4 });
	await b.getByTestId('qr-file').setInputFiles(photo);
	await expect(b.getByText('已识别表决票编号。')).toBeVisible({ timeout: 20_000 });
	await expect(entryOf(b).getByLabel(CODE)).toHaveValue('GYB:' + code.replaceAll('-', ''));
	await tick(b, marks);
	await b.getByRole('button', { name: '提交录入' }).click();
	await expect(
		b.getByRole('status').filter({ hasText: /两次录入一致，已写入投票链（第 \d+ 号）/ })
	).toBeVisible();

	// The same paper cannot be entered again.
	await entryOf(b).getByLabel(CODE).fill(code);
	await b.getByRole('button', { name: '提交录入' }).click();
	await expect(b.getByRole('alert')).toContainText('已经录入投票链');
	await ctx.close();
});
