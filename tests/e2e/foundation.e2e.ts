import { expect, test } from '@playwright/test';
import { logIn, logOut, setUpTotp } from './helpers';

test.describe('each role lands on its own home page, in Chinese, on a phone', () => {
	const cases = [
		{ login: 'owner1', url: /\/owner$/, heading: '金色家园', text: '我的房屋' },
		{ login: 'staff', url: /\/staff\/estates\/e-jinse$/, heading: '金色家园', text: '业主名册' },
		{ login: 'oversight', url: /\/oversight$/, heading: '湖滨街道', text: '滨海花园' },
		{ login: 'admin', url: /\/admin$/, heading: '平台管理', text: '新建工作人员或监督账号' }
	];
	for (const c of cases) {
		test(`${c.login}: home, switch to English, log out`, async ({ page }) => {
			await logIn(page, c.login);
			await expect(page).toHaveURL(c.url);
			await expect(page.getByRole('heading', { level: 1, name: c.heading })).toBeVisible();
			await expect(page.getByText(c.text).first()).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
			await page.getByRole('button', { name: '中文' }).click();
			await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

			await logOut(page);
			await page.goto('/owner');
			await expect(page).toHaveURL(/\/login\?next=%2Fowner$/);
		});
	}
});

test('a wrong password shows an error and keeps the login', async ({ page }) => {
	await logIn(page, 'staff', 'not-the-password');
	await expect(page.getByRole('alert')).toHaveText('账号或密码不正确。');
	await expect(page.getByLabel('账号')).toHaveValue('staff');
	await expect(page).toHaveURL(/\/login/);
});

test('staff of one estate cannot open another estate', async ({ page }) => {
	await logIn(page, 'staff');
	await expect(page).toHaveURL(/\/staff\/estates\/e-jinse$/);
	const res = await page.goto('/staff/estates/e-binhai');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('alert')).toContainText('页面不存在，或您无权查看');
	const admin = await page.goto('/admin');
	expect(admin?.status()).toBe(403);
});

test('admin creates an estate and a staff account for it', async ({ page }) => {
	await logIn(page, 'admin');
	await page.getByLabel('类型', { exact: true }).selectOption('estate');
	await page.getByLabel('名称', { exact: true }).fill('阳光小区');
	await page.getByLabel('上级', { exact: true }).selectOption({ label: '社区 · 湖滨社区' });
	await page.getByRole('button', { name: '创建' }).first().click();
	await expect(page.getByRole('status')).toHaveText('已创建：阳光小区');
	await expect(page.getByTestId('place-tree')).toContainText('阳光小区');

	const form = page.locator('form', {
		has: page.getByRole('heading', { name: '新建工作人员或监督账号' })
	});
	await form.getByLabel('账号').fill('yangguang');
	await form.getByLabel('显示名称').fill('阳光小区筹备组');
	await form.getByLabel('初始密码（至少 8 位）').fill('yangguang2026');
	await form.getByLabel('角色').selectOption('staff');
	await form.getByLabel('所属区域').selectOption({ label: '小区 · 阳光小区' });
	await form.getByRole('button', { name: '创建' }).click();
	await expect(page.getByText('已创建账号：yangguang')).toBeVisible();

	await logOut(page);
	await logIn(page, 'yangguang', 'yangguang2026');
	// A new staff account sets up its second factor before anything else.
	await setUpTotp(page);
	await expect(page.getByRole('heading', { level: 1, name: '阳光小区' })).toBeVisible();
});
