import { expect, test } from '@playwright/test';
import { logIn, open } from './helpers';

test('a visitor finds registration with and without a letter, /verify and the public results', async ({
	page
}) => {
	await open(page, '/');
	await expect(page.getByRole('link', { name: '我有登记通知书' })).toHaveAttribute(
		'href',
		'/register'
	);
	await expect(page.getByRole('link', { name: '没有通知书，上传证明登记' })).toHaveAttribute(
		'href',
		'/register/self'
	);
	await expect(page.getByRole('link', { name: '去核验' })).toHaveAttribute('href', '/verify');
	await page.getByRole('link', { name: /金色家园 · 2026年第一次业主大会/ }).click();
	await expect(page).toHaveURL(/\/assemblies\/a-jinse-2026-1\/ledger$/);
});

test('registration: the account-name rules show before typing; an error sits at its field, focused, and goes when fixed', async ({
	page
}) => {
	await open(page, '/register');
	await expect(page.getByText('账号 3 到 64 位')).toBeVisible();
	await page.getByLabel('登记码（16 位）').fill('AAAA-BBBB-CCCC');
	await page.getByLabel('业主姓名').fill('张三');
	await page.getByLabel('身份证件号码后 4 位').fill('1234');
	await page.getByLabel('登录账号').fill('13800000000');
	await page.getByLabel('设置密码（至少 8 位）').fill('long-enough-1');
	await page.getByRole('button', { name: '提交登记' }).click();
	const err = page.getByTestId('field-error');
	await expect(err).toBeVisible();
	await expect(err).toHaveAttribute('role', 'alert');
	const field = await err.getAttribute('id');
	const input = page.locator(`#${field!.replace(/-error$/, '')}`);
	await expect(input).toBeFocused();
	await expect(input).toBeInViewport();
	await input.press('End');
	await input.pressSequentially('X');
	await expect(err).toHaveCount(0);
});

test('大字模式 is remembered on this device and header buttons are at least 44 px tall', async ({
	page
}) => {
	await logIn(page, 'owner1');
	await open(page, '/owner');
	const toggle = page.getByRole('button', { name: '大字模式' });
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await open(page, '/owner');
	await expect(page.locator('html[data-large]')).toHaveCount(1);
	const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
	expect(size).toBe('21px');
	const box = await page.getByRole('button', { name: '大字模式' }).boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(44);
});
