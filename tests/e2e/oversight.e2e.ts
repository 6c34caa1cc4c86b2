import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { handOver, logIn, open } from './helpers';

/** The demo's assembly that is open now (src/lib/server/demo-assemblies.ts). */
const OPEN = 'a-jinse-2026-2';

test('five ballots from one network address within minutes raise a flag the console explains in a sentence', async ({
	page
}) => {
	// One owner votes on the page, then sends the same ballot four more times at once, as a
	// person casting for neighbours from one phone would (a revote replaces the ballot, but
	// every ballot is one more from this address). All e2e traffic comes from 127.0.0.1.
	await logIn(page, 'owner1');
	await open(page, `/owner/assemblies/${OPEN}/vote`);
	const groups = page.getByRole('group');
	const n = await groups.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) await groups.nth(i).getByText('弃权', { exact: true }).click();
	await page.getByRole('button', { name: '下一步：核对' }).click();
	const url = `/api/assemblies/${OPEN}/ballots`;
	const [cast] = await Promise.all([
		page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === url),
		page.getByRole('button', { name: '确认提交表决票' }).click()
	]);
	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
	const origin = new URL(page.url()).origin;
	for (let i = 0; i < 4; i++) {
		const res = await page.request.post(url, {
			headers: { origin, 'content-type': 'application/json' },
			data: cast.postData()!
		});
		expect(res.status()).toBe(201);
	}

	await handOver(page);
	await logIn(page, 'oversight');
	const flags = page.getByRole('region', { name: '需要留意的情况' });
	// The address is kept just after each ballot's answer, off its path: read until it is in.
	await expect(async () => {
		await open(page, `/oversight/assemblies/${OPEN}`);
		const flag = flags.getByTestId('flag').filter({ hasText: '同一个网络地址' });
		await expect(flag).toHaveText(
			/^⚠ 同一个网络地址在 10 分钟内提交了 \d+ 张选票，可能有人替别人投票，建议抽查这些业主。$/
		);
		const count = Number(/提交了 (\d+) 张/.exec((await flag.textContent())!)![1]);
		expect(count).toBeGreaterThanOrEqual(5);
	}).toPass({ timeout: 10_000 });
});

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
