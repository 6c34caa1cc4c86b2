import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

const OPEN = 'a-jinse-2026-2';
const PUBLISHED = 'a-jinse-2026-1';
const TITLE = '2026年第二次业主大会';

async function voteAll(page: Page, pick: string) {
	const groups = page.getByRole('group');
	const n = await groups.count();
	for (let i = 0; i < n; i++) await groups.nth(i).getByText(pick, { exact: true }).click();
	await page.getByRole('button', { name: '下一步：核对' }).click();
	await page.getByRole('button', { name: '确认提交表决票' }).click();
	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
}

test('after voting, home and assembly page say 您已投票 with the time, the receipt and 修改投票', async ({
	page
}) => {
	await logIn(page, 'owner3');
	const card = page.getByTestId('home-assembly').filter({ hasText: TITLE });
	await expect(card.getByRole('link', { name: '去投票' })).toBeVisible();
	await card.getByRole('link', { name: '去投票' }).click();
	await expect(page.getByRole('heading', { name: '投票', exact: true })).toBeVisible();
	await voteAll(page, '同意');
	const seq = (await page.getByTestId('receipt-seq').textContent())!.trim();

	await open(page, '/owner');
	await expect(card.getByTestId('voted-status')).toContainText('您已投票');
	await expect(card.getByTestId('voted-status')).toContainText(
		/投票时间：\d{4}年\d+月\d+日 \d\d:\d\d/
	);
	await expect(card.getByRole('link', { name: '去投票' })).toHaveCount(0);
	await expect(card.getByText('投票中')).toHaveCount(0);

	await open(page, `/owner/assemblies/${OPEN}`);
	const status = page.getByTestId('voted-status');
	await expect(status).toContainText('您已投票');
	await expect(page.getByRole('link', { name: '去投票' })).toHaveCount(0);
	await expect(page.getByText('点击上方“去投票”')).toHaveCount(0);
	await expect(status.getByRole('link', { name: '修改投票' })).toHaveAttribute(
		'href',
		`/owner/assemblies/${OPEN}/vote`
	);
	await status.getByRole('link', { name: '查看回执' }).click();
	await expect(page).toHaveURL(new RegExp(`/vote/receipt/${seq}$`));
	await expect(page.getByTestId('receipt-seq')).toHaveText(seq);

	// One tap checks this receipt on the same phone; the result names what was checked.
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByRole('button', { name: '核验这张回执' }).click();
	const result = page.getByTestId('receipt-result');
	await expect(result.getByTestId('receipt-verdict')).toBeVisible();
	await expect(result).toContainText(`回执已读取：第 ${seq} 条记录`);
	await expect(result).toContainText('已获取平台签名的检查点');
});

test('in 我的投票 one tap checks a published ballot; /verify takes the file, the link and the hash alone', async ({
	page
}) => {
	await logIn(page, 'owner1');
	await open(page, '/owner/ballots');
	const ballot = page
		.getByRole('region', { name: '2026年第一次业主大会' })
		.getByTestId('my-ballot')
		.first();
	await ballot.getByRole('button', { name: '核验这张回执' }).click();
	await expect(ballot.getByTestId('receipt-verdict')).toContainText('核验通过');
	await expect(ballot.getByTestId('receipt-steps')).toContainText('签名有效');
	await expect(ballot.getByTestId('receipt-steps')).toContainText('您的选票在第');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		ballot.getByRole('link', { name: '下载回执（JSON）' }).click()
	]);
	const file = (await download.path())!;
	const receipt = JSON.parse(await readFile(file, 'utf8'));
	expect(receipt.assembly).toBe(PUBLISHED);
	const link = await ballot.getByRole('link', { name: '在核验页面打开' }).getAttribute('href');
	await handOver(page);

	// The downloaded file.
	await open(page, '/verify');
	await page.getByTestId('receipt-file').setInputFiles(file);
	await expect(page.getByTestId('receipt-verdict')).toContainText(
		`核验通过：您的选票（第 ${receipt.seq} 条记录）`
	);

	// The hash alone, as the copy button copies it: the page looks the entry up.
	await open(page, '/verify');
	await page.getByLabel('回执链接、文字或哈希值').fill(receipt.hash);
	await page.getByRole('button', { name: '核验回执' }).click();
	await expect(page.getByTestId('receipt-verdict')).toContainText('核验通过');
	await expect(page.getByTestId('receipt-steps')).toContainText(`第 ${receipt.seq} 条记录`);

	// A hash no ledger holds is answered in plain words, next to the field.
	await page.getByLabel('回执链接、文字或哈希值').fill('ab'.repeat(32));
	await page.getByRole('button', { name: '核验回执' }).click();
	await expect(page.getByRole('alert')).toContainText('公开账本中没有这个哈希值的选票');

	// The QR link opens the check at once.
	await open(page, new URL(link!).pathname + new URL(link!).search);
	await expect(page.getByTestId('receipt-verdict')).toContainText('核验通过');
});
