import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { logIn, open } from './helpers';

test('oversight sees the participation chart and downloads the estates table as CSV and PDF', async ({
	page
}) => {
	await logIn(page, 'oversight');
	await open(page, '/oversight');
	const chart = page.getByRole('img', { name: /^各小区参与情况/ });
	await expect(chart).toBeVisible();
	await expect(chart).toContainText('金色家园');
	await expect(chart).toContainText('2/3');

	const [csvDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载各小区汇总表（CSV）' }).click()
	]);
	expect(csvDownload.suggestedFilename()).toBe('estates.csv');
	const csv = readFileSync((await csvDownload.path())!, 'utf8');
	expect(csv.split('\r\n')[0]).toBe(
		'\uFEFF小区,专有部分数,业主人数,总面积（m²）,最近计票的会议,参与面积（%）,参与人数（%）,各项结果'
	);
	expect(csv).toContain('\r\n金色家园,');

	const [pdfDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载各小区汇总表（PDF）' }).click()
	]);
	expect(pdfDownload.suggestedFilename()).toBe('estates.pdf');
	const file = test.info().outputPath('estates.pdf');
	await pdfDownload.saveAs(file);
	const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
	expect(text).toContain('各小区汇总表');
	// The chart is in the PDF too: its title and the 2/3 line's label.
	expect(text).toContain('各小区参与情况');
	expect(text).toContain('2/3');

	for (const [path, type] of [
		['/oversight/estates.csv', 'text/csv; charset=utf-8'],
		['/oversight/estates.pdf', 'application/pdf']
	]) {
		const res = await page.request.get(path);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe(type);
	}
	const pdf = await page.request.get('/oversight/estates.pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
