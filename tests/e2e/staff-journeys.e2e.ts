import { expect, test, type Page } from '@playwright/test';
import { logIn, open } from './helpers';

/** A datetime-local value `days` from now, in Beijing time. */
const beijingInput = (days: number) =>
	new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10) + 'T09:00';

const OPEN = '/staff/estates/e-jinse/assemblies/a-jinse-2026-2';

async function newDraftWithElection(page: Page, title: string) {
	await open(page, '/staff/estates/e-jinse/assemblies/new');
	await page.getByLabel('会议名称').fill(title);
	await page.getByLabel('投票开始（北京时间）').fill(beijingInput(20));
	await page.getByLabel('投票截止（北京时间）').fill(beijingInput(30));
	await page.getByRole('button', { name: '创建草稿' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('staff nominate a candidate with the searchable unit picker', async ({ page }) => {
	test.setTimeout(90_000);
	await logIn(page, 'staff');
	await newDraftWithElection(page, `候选人提名 ${Date.now() % 100000}`);
	await page.getByText('添加业委会选举').click();
	await page.getByLabel('委员名额').fill('5');
	await page.locator('form[action="?/addElection"]').getByRole('button', { name: '添加' }).click();
	const item = page.getByTestId('item-e1');
	await expect(item).toContainText('委员 5 名');
	await item.getByText('提名候选人').first().click();

	// Natural order: 1栋 101 … 1栋 904 before 1栋 1001.
	const list = item.getByTestId('unit-list');
	await item.getByLabel('搜索房号').fill('1栋');
	const labels = await list.locator('label').allTextContents();
	const flats = labels.map((l) => l.trim()).filter((l) => l.startsWith('1栋'));
	expect(flats[0]).toBe('1栋 101');
	expect(flats.indexOf('1栋 904')).toBeLessThan(flats.indexOf('1栋 1001'));
	expect(flats.at(-1)).toBe('1栋 1004');

	// "5栋104" finds "5栋 104" (spaces do not matter).
	await item.getByLabel('搜索房号').fill('5栋104');
	await expect(item.getByText('找到 1 套房屋')).toBeVisible();
	await list.getByLabel('5栋 104').check();
	const chosen = await item.getByTestId('unit-chosen').textContent();
	const owner = /名册业主：(.+)）/.exec(chosen ?? '')![1];

	// A name that is not the unit's owner on the roll: warned before and after saving.
	await item.getByLabel('姓名').fill('测试候选人');
	await expect(item.getByTestId('unit-not-owner')).toContainText(
		`名册上 5栋 104 的业主是 ${owner}，不是“测试候选人”`
	);
	await item.getByRole('button', { name: '提名候选人' }).click();
	await expect(item.getByTestId('nominate-saved')).toHaveText(
		'已提名候选人。请注意：名册上所选房屋的业主不是“测试候选人”，请核对房号。'
	);
	await expect(item.getByText('测试候选人', { exact: true })).toBeVisible();

	// The owner themself: no warning.
	await item.getByLabel('搜索房号').fill('5栋 104');
	await list.getByLabel('5栋 104').check();
	await item.getByLabel('姓名').fill(owner.split('、')[0]);
	await expect(item.getByTestId('unit-not-owner')).toHaveCount(0);
	await item.getByRole('button', { name: '提名候选人' }).click();
	await expect(item.getByTestId('nominate-saved')).toHaveText('已提名候选人，等待街道联审。');
});

test('staff follow turnout by building and print or export who has not voted', async ({ page }) => {
	test.setTimeout(60_000);
	await logIn(page, 'staff');
	await open(page, OPEN);
	await page.getByRole('link', { name: '投票进度与催票名单' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: '投票进度与催票' })).toBeVisible();
	// The demo opens with two ballots; other tests of the run may have added theirs.
	const total = (await page.getByTestId('turnout-total').textContent()) ?? '';
	const [, voted, owners] = /已投票业主 (\d+) 人，共 (\d+) 人/.exec(total)!.map(Number);
	expect(voted).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('turnout-building')).toHaveCount(5);
	await expect(page.getByTestId('turnout-building').first()).toContainText('1栋');
	await expect(page.getByText('不显示任何人的选择')).toBeVisible();
	const heading = await page.getByRole('heading', { name: /尚未投票的业主/ }).textContent();
	const missing = Number(/（(\d+) 人）/.exec(heading ?? '')![1]);
	expect(missing).toBe(owners - voted);
	// The list runs in natural order from the first building; whose flat comes first depends on
	// who has voted so far in this run.
	const first = (await page.getByTestId('not-voted').first().locator('li').first().textContent())!;
	const firstFlat = /1栋 \d+/.exec(first)![0];

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '导出表格（CSV）' }).click()
	]);
	const path = await download.path();
	const text = (await import('node:fs')).readFileSync(path, 'utf8');
	const lines = text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('楼栋,房号,业主,电话,备注');
	expect(lines.length).toBe(missing + 1);
	// An owner of several flats has them in one cell: "1栋 101 / 1栋 301".
	expect(lines[1]).toMatch(new RegExp(`^1栋,${firstFlat}[ ,]`));

	// The print layout leaves out navigation and buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印名单' })).toBeHidden();
	await expect(page.getByText('备注：').first()).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
});

test('the estate page lists what waits, and the open assembly says how it closes', async ({
	page
}) => {
	test.setTimeout(60_000);
	await logIn(page, 'staff');
	await expect(page).toHaveURL(/\/staff\/estates\/e-jinse$/);
	const todo = page.getByTestId('todo');
	await expect(todo.getByRole('heading', { name: '待办事项' })).toBeVisible();
	const open = todo.getByTestId('todo-assembly').filter({ hasText: '2026年第二次业主大会' });
	await expect(open).toContainText('投票中，截止于');
	await expect(open).toContainText('到时自动结束');
	await expect(
		todo.getByTestId('todo-assembly').filter({ hasText: '2026年第一次业主大会' })
	).toContainText('结果公示中');

	await open.click();
	await expect(page.getByRole('heading', { level: 1, name: '2026年第二次业主大会' })).toBeVisible();
	const next = page.getByTestId('next-steps');
	await expect(next).toContainText('自动结束，届时不需要操作');
	await expect(next).toContainText('① 计票 → ② 核对结果并公布 → ③ 公示期');
	await next.getByRole('link', { name: '投票进度与催票名单' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '投票进度与催票' })).toBeVisible();
});

test('staff prepare an assembly step by step with a checklist and a message after each save', async ({
	page
}) => {
	test.setTimeout(90_000);
	await logIn(page, 'staff');
	await newDraftWithElection(page, `分步准备 ${Date.now() % 100000}`);
	const guide = page.getByTestId('setup-guide');
	await expect(guide.locator('ol > li')).toHaveText([
		/^1\s*基本信息/,
		/^2\s*会议材料/,
		/^3\s*表决事项/,
		/^4\s*检查/,
		/^5\s*报送/
	]);
	const check = page.getByTestId('setup-checklist');
	await expect(check.locator('li[data-done="false"]')).toHaveText([/至少添加一项表决事项/]);

	await page.getByText('添加议案').click();
	await page.getByLabel('议题名称').first().fill('审议《管理规约》');
	await page.getByLabel('所属事项（《民法典》第278条）').selectOption('2');
	await page.getByRole('button', { name: '添加' }).first().click();
	await expect(page.getByTestId('saved')).toHaveText('已添加议案。');
	await expect(check).toHaveText('可以报街道审核了。');

	await page.getByText('添加业委会选举').click();
	await page.getByLabel('委员名额').fill('5');
	await page.locator('form[action="?/addElection"]').getByRole('button', { name: '添加' }).click();
	await expect(page.getByTestId('saved')).toHaveText('已添加选举事项。');
	await expect(guide.locator('ol > li').nth(3)).toContainText('候选人');
	await expect(check.locator('li[data-done="false"]')).toHaveText([/每项选举至少提名一名候选人/]);

	await page.getByTestId('item-e1').getByText('提名候选人').first().click();
	await page.getByTestId('item-e1').getByLabel('姓名').fill('王建喆');
	await page.getByTestId('item-e1').getByRole('button', { name: '提名候选人' }).click();
	await expect(page.getByTestId('nominate-saved')).toHaveText('已提名候选人，等待街道联审。');
	await expect(check.locator('li[data-done="false"]')).toHaveText([/所有候选人经街道联审/]);

	// Filing is refused until the street vetted the candidate; the checklist said so already.
	await page.getByRole('button', { name: '报街道审核' }).click();
	await expect(page.getByRole('alert')).toHaveText('还有候选人未经街道联审。');

	// Withdraw the candidate and the election: the resolution alone can be filed.
	await page.getByRole('button', { name: '撤回 王建喆' }).click();
	await expect(page.getByTestId('saved')).toHaveText('已撤回候选人。');
	await page.getByTestId('item-e1').getByRole('button', { name: '删除' }).click();
	await expect(page.getByTestId('saved')).toHaveText('已删除事项。');
	await expect(check).toHaveText('可以报街道审核了。');
	await page.getByRole('button', { name: '报街道审核' }).click();
	await expect(page.getByTestId('saved')).toContainText('已报街道审核。');
	await expect(page.getByTestId('assembly-state')).toHaveText('待街道审核');
	await expect(page.getByTestId('setup-guide')).toHaveCount(0);
});
