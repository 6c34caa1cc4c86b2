import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'gongyi2026';

export async function logIn(page: Page, login: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('账号').fill(login);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
}

/** Navigates and waits until the page is interactive. */
export async function open(page: Page, path: string) {
	const res = await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor();
	return res;
}

export async function logOut(page: Page) {
	await page.getByRole('button', { name: /退出登录|Log out/ }).click();
	await expect(page).toHaveURL(/\/login$/);
}
