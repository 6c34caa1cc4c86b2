import { expect, test, type Page } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

const AUDIT = '/staff/estates/e-jinse/audit';

/** No raw action codes ("assembly.countersign") or ids ("asm_…") where people read the trail. */
async function expectPlainWords(page: Page) {
	const text = await page.locator('main').innerText();
	expect(text).not.toMatch(/\b(assembly|account|result|roll|registration|paper)\.[a-zA-Z]/);
	expect(text).not.toMatch(/\b(asm|acc|cand|unt|own)[_-][A-Za-z0-9]/);
}

test('staff read the audit trail in plain words, filter it and export it', async ({ page }) => {
	await logIn(page, 'staff');
	await open(page, AUDIT);
	await expect(page.getByTestId('audit-check')).toContainText('链完整');
	await expectPlainWords(page);
	const cards = page.getByTestId('audit-cards');
	await expect(cards.getByText('开始投票').first()).toBeVisible();

	await page.getByLabel('操作', { exact: true }).selectOption({ label: '开始投票' });
	await page.getByRole('button', { name: '筛选', exact: true }).click();
	await expect(page).toHaveURL(/action=assembly\.open/);
	const items = cards.locator('li');
	const n = await items.count();
	expect(n).toBeGreaterThan(0);
	await expect(cards.getByText('开始投票')).toHaveCount(n);
	await expect(page.getByText(`共 ${n} 条记录`)).toBeVisible();

	const csv = await page.request.get(
		(await page.getByTestId('audit-export').getAttribute('href'))!
	);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const lines = (await csv.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('序号,时间（北京时间）,操作人,操作,对象,说明');
	expect(lines).toHaveLength(n + 1);
	for (const line of lines.slice(1)) expect(line).toContain(',开始投票,');

	// A day with nothing on it.
	await open(page, `${AUDIT}?from=2001-01-01&to=2001-01-01`);
	await expect(page.getByText('共 0 条记录')).toBeVisible();
	await expect(page.getByText('还没有记录。').first()).toBeAttached();
	await page.getByRole('link', { name: '清除筛选' }).click();
	await expect(page.getByText('共 0 条记录')).toHaveCount(0);
	await handOver(page);
});

test('the street reads the estate trail; the admin reads the platform trail', async ({ page }) => {
	await logIn(page, 'oversight');
	await open(page, `${AUDIT}?action=assembly.open`);
	await expectPlainWords(page);
	await expect(page.getByTestId('audit-cards').getByText('开始投票').first()).toBeVisible();
	await handOver(page);

	await logIn(page, 'admin');
	await open(page, '/admin');
	await page.getByLabel('类型').selectOption({ label: '区县' });
	await page.getByLabel('名称', { exact: true }).fill('审计测试区');
	await page.getByRole('button', { name: '创建' }).first().click();
	await expect(page.getByText('已创建：审计测试区')).toBeVisible();
	await page.getByRole('link', { name: '平台审计记录' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '平台审计记录' })).toBeVisible();
	await expectPlainWords(page);
	const card = page.getByTestId('audit-cards').locator('li').first();
	await expect(card).toContainText('新建地区或小区');
	await expect(card).toContainText('审计测试区');
	await page.setViewportSize({ width: 1280, height: 900 });
	await expect(page.getByTestId('audit-table')).toBeVisible();
	await expect(page.getByTestId('audit-cards')).toBeHidden();
});
