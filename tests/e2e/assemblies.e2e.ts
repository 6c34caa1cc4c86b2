import { expect, test, type Page } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

/** A datetime-local value `days` from now, in Beijing time. */
const beijingInput = (days: number) =>
	new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10) + 'T09:00';

const TITLE = `2026年业主大会 ${Date.now() % 100000}`;

async function nominate(page: Page, name: string, profile: string, first: boolean) {
	const item = page.getByTestId('item-e1');
	// The panel opens for the first nomination and stays open, ready for the next one.
	if (first) {
		await expect(item.getByLabel('姓名')).toBeHidden();
		await item.getByText('提名候选人').first().click();
	}
	await expect(item.getByLabel('姓名')).toBeVisible();
	await item.getByLabel('姓名').fill(name);
	await item.getByLabel('简介').fill(profile);
	await item.getByRole('button', { name: '提名候选人' }).click();
	await expect(item.getByText(name, { exact: true })).toBeVisible();
}

test('staff prepare an assembly, oversight vets and approves, an owner reads it', async ({
	page
}) => {
	test.setTimeout(90_000);
	await logIn(page, 'staff');
	await expect(page).toHaveURL(/\/staff\/estates\/e-jinse$/);
	await page.getByRole('link', { name: '业主大会', exact: true }).click();
	await page.getByRole('link', { name: '新建业主大会会议' }).click();
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('会议名称').fill(TITLE);
	await page.getByLabel('投票开始（北京时间）').fill(beijingInput(20));
	await page.getByLabel('投票截止（北京时间）').fill(beijingInput(30));
	await page.getByRole('button', { name: '创建草稿' }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.getByTestId('assembly-state')).toHaveText('草稿');

	await page.getByText('添加议案').click();
	await page.getByLabel('议题名称').first().fill('审议《管理规约》');
	await page.getByLabel('所属事项（《民法典》第278条）').selectOption('2');
	await page.getByRole('button', { name: '添加' }).first().click();
	const r1 = page.getByTestId('item-r1');
	await expect(r1).toContainText('（二）制定和修改管理规约');
	await expect(r1).toContainText('参与表决面积、人数均过半数同意');

	await page.getByText('添加业委会选举').click();
	await page.getByLabel('委员名额').fill('5');
	await page.getByLabel('候补名额').fill('2');
	await page.locator('form[action="?/addElection"]').getByRole('button', { name: '添加' }).click();
	await expect(page.getByTestId('item-e1')).toContainText('委员 5 名，候补 2 名');
	await nominate(page, '王建喆', '退休教师，曾任楼组长', true);
	await nominate(page, '李玥', '会计师', false);

	// Filing waits for the street's vetting of every candidate.
	await page.getByRole('button', { name: '报街道审核' }).click();
	await expect(page.getByRole('alert')).toHaveText('还有候选人未经街道联审。');
	const url = page.url();
	await handOver(page);

	await logIn(page, 'oversight');
	await open(page, '/oversight/assemblies');
	await page
		.getByTestId('review-queue')
		.getByRole('link', { name: new RegExp(TITLE) })
		.click();
	await page.locator('html[data-hydrated]').waitFor();
	for (const [key, name] of [
		['c1', '王建喆'],
		['c2', '李玥']
	]) {
		// Pending candidates stand out; a decided one shows its decision, its form folded away.
		await expect(page.getByTestId(`candidate-${key}`)).toHaveAttribute('data-vetting', 'pending');
		await page.getByRole('button', { name: `通过 ${name}` }).click();
		await expect(page.getByTestId(`candidate-${key}`)).toContainText('联审通过');
		await expect(page.getByTestId(`candidate-${key}`)).toHaveAttribute('data-vetting', 'approved');
		await expect(page.getByRole('button', { name: `通过 ${name}` })).toBeHidden();
		await expect(page.getByText(`改变对 ${name} 的审核结果`)).toBeVisible();
	}
	await expect(page.getByText('联审通过')).toHaveCount(2);
	const review = page.url();
	await handOver(page);

	await logIn(page, 'staff');
	await open(page, new URL(url).pathname);
	await page.getByRole('button', { name: '报街道审核' }).click();
	await expect(page.getByTestId('assembly-state')).toHaveText('待街道审核');
	await handOver(page);

	await logIn(page, 'oversight');
	await open(page, new URL(review).pathname);
	// Approving announces at once, so it asks for a confirmation first.
	await expect(page.getByTestId('approve-form')).toContainText('通过后立即向全体业主公告');
	await page.getByRole('button', { name: '审核通过并公告' }).click();
	await expect(page.getByTestId('assembly-state')).toHaveText('待街道审核');
	await page.getByLabel('我已核对会议内容、材料和候选人，确认立即公告').check();
	await page.getByRole('button', { name: '审核通过并公告' }).click();
	await expect(page.getByTestId('assembly-state')).toHaveText('已公告');
	await handOver(page);

	await logIn(page, 'owner1');
	await expect(page).toHaveURL(/\/owner$/);
	await page.getByRole('link', { name: new RegExp(TITLE) }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(page.getByTestId('assembly-state')).toHaveText('已公告');
	await expect(page.getByText('王建喆', { exact: true })).toBeVisible();
	await expect(page.getByText('投票尚未开始。')).toBeVisible();
	const pdf = await page.request.get(
		(await page.getByRole('link', { name: '公告（PDF）' }).getAttribute('href'))!
	);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
