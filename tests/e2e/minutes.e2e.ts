import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { logIn, open } from './helpers';

const ID = 'a-jinse-2026-1';

test('oversight countersigns, downloads the minutes, and the verify page accepts them and names the failing check of a tampered copy', async ({
	page
}, info) => {
	await logIn(page, 'oversight');
	await open(page, `/oversight/assemblies/${ID}`);
	const section = page.locator('section', { has: page.getByRole('heading', { name: '街道会签' }) });
	// The countersign test may have signed already in this run (one server, one database).
	if (await section.getByRole('button', { name: '生成街道签名密钥' }).isVisible()) {
		await section.getByRole('button', { name: '生成街道签名密钥' }).click();
		const secret = (await section.getByTestId('street-secret').textContent())!.trim();
		await section.getByLabel('我已妥善保存私钥文件').check();
		await section.getByRole('button', { name: '登记公钥' }).click();
		await section.getByLabel(/街道私钥/).fill(secret);
		await section.getByRole('button', { name: '在本机签名并会签' }).click();
	}
	await expect(section.getByRole('status')).toContainText('湖滨街道已于');

	const download = page.waitForEvent('download');
	await page.getByTestId('minutes-download').click();
	const file = info.outputPath('minutes.pdf');
	await (await download).saveAs(file);
	const pdf = readFileSync(file);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	expect(text).toContain('金色家园业主大会会议决议');
	expect(text).toContain('街道会签后生成');

	await open(page, '/verify');
	const check = page.locator('section', {
		has: page.getByRole('heading', { name: '核验会议决议 PDF' })
	});
	await check.getByLabel('会议决议 PDF 文件').setInputFiles(file);
	await expect(check.getByTestId('minutes-verdict')).toContainText('这份会议决议是真实的');
	for (const name of ['coverage', 'signature', 'signer', 'figures', 'head'])
		await expect(check.getByTestId(`minutes-check-${name}`)).toHaveAttribute('data-ok', 'true');
	await expect(check.getByTestId('minutes-check-signer')).toContainText('与平台公布的一致');

	const tampered = Buffer.from(pdf);
	tampered[tampered.indexOf(0x2f, 2000) + 1] ^= 0x01;
	const bad = info.outputPath('tampered.pdf');
	writeFileSync(bad, tampered);
	await check.getByLabel('会议决议 PDF 文件').setInputFiles(bad);
	await expect(check.getByTestId('minutes-verdict')).toContainText('没有通过核验');
	await expect(check.getByTestId('minutes-check-signature')).toHaveAttribute('data-ok', 'false');
	await expect(check.getByTestId('minutes-check-signature')).toContainText('PDF 数字签名无效');
	await expect(check.getByTestId('minutes-check-figures')).toHaveAttribute('data-ok', 'true');
});
