import { expect, test, type Page } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

const PUB = '/staff/estates/e-jinse/publication';
const OBJECTION = '我家房屋面积应为 98.50 平方米，请核对登记簿。';
const ANSWER = '已核对不动产登记簿，面积以登记为准。';

/** The masking rule owners are promised: first and last character only (张*伟). */
function masked(name: string): string {
	const c = Array.from(name);
	return c.length === 2 ? `${c[0]}*` : c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}

async function asUser(page: Page, login: string) {
	await logIn(page, login);
	await expect(page).not.toHaveURL(/\/login/);
}

test('publication: staff publish, owner objects, staff answers, owner and oversight read it', async ({
	page
}) => {
	await asUser(page, 'staff');
	await open(page, PUB);
	await expect(page.getByTestId('publication-state')).toHaveText('尚未公示');
	await page.getByRole('button', { name: '发布公示' }).click();
	await expect(page.getByTestId('publication-state')).toHaveText('公示中');
	await expect(page.getByRole('button', { name: '冻结名册' })).toBeDisabled();
	await expect(page.getByText('公示期尚未结束')).toBeVisible();
	await handOver(page);

	await asUser(page, 'owner1');
	await open(page, '/owner');
	const fullName = (await page.locator('h1 + p').innerText()).replace(/，您好$/, '');
	const myUnit = (await page.locator('#my-units ~ ul li span').first().innerText()).trim();
	const [building, label] = myUnit.split(' ');
	await page.getByRole('link', { name: '查看名册' }).click();
	await expect(page.getByRole('heading', { name: '业主名册公示' })).toBeVisible();
	await expect(page.getByTestId('pub-units')).toHaveText('200');
	await expect(page.getByTestId('published-roll')).not.toContainText(fullName);
	await page.getByLabel('楼栋').selectOption(building);
	await page.getByLabel('房号').fill(label);
	await page.getByRole('button', { name: '查找' }).click();
	const row = page.getByTestId('published-roll').getByRole('listitem').first();
	await expect(row).toContainText(`${building} ${label}`);
	await expect(row.getByTestId('masked-owner')).toHaveText(masked(fullName));
	await row.getByRole('link', { name: /提出异议/ }).click();
	await expect(page.getByTestId('object-unit')).toContainText(`${building} ${label}`);
	// The browser enforces 5 characters; blanks pass it, the server counts without them.
	await page.getByLabel(/异议内容/).fill('  太短  ');
	await page.getByRole('button', { name: '提交异议' }).click();
	await expect(page.getByRole('alert')).toHaveText('异议内容须为 5 到 500 个字。');
	await page.getByLabel(/异议内容/).fill(OBJECTION);
	await page.getByRole('button', { name: '提交异议' }).click();
	await expect(page.getByText('异议已提交')).toBeVisible();
	await expect(page.getByTestId('objection')).toContainText('待答复');
	await handOver(page);

	await asUser(page, 'staff');
	await open(page, PUB);
	const obj = page.getByTestId('objection').filter({ hasText: OBJECTION });
	await expect(obj).toContainText(fullName);
	await obj.getByLabel('答复内容').fill(ANSWER);
	await obj.getByRole('button', { name: '提交答复' }).click();
	await expect(page.getByRole('status')).toHaveText('已答复。');
	await expect(page.getByTestId('objection-answer')).toHaveText(ANSWER);
	await handOver(page);

	await asUser(page, 'owner1');
	await open(page, '/owner/roll');
	await expect(page.getByTestId('objection')).toContainText('已答复');
	await expect(page.getByTestId('objection-answer')).toHaveText(ANSWER);
	await handOver(page);

	await asUser(page, 'oversight');
	await open(page, '/oversight');
	await page.getByRole('link', { name: '金色家园' }).click();
	await expect(page.getByTestId('publication-state')).toHaveText('公示中');
	const seen = page.getByTestId('objection').filter({ hasText: OBJECTION });
	await expect(seen.getByTestId('objection-answer')).toHaveText(ANSWER);
	await expect(page.getByRole('button', { name: /提交答复/ })).toHaveCount(0);
	await page.getByRole('link', { name: '查看操作记录' }).click();
	await expect(page.getByTestId('audit-check')).toContainText('链完整');
	const trail = page.getByRole('region', { name: '操作记录' });
	await expect(trail.getByText('业主对名册提出异议').first()).toBeVisible();
	await expect(trail.getByText('答复名册异议').first()).toBeVisible();
});
