import { expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

export const DEMO_PASSWORD = 'gongyi2026';
/** The confirmed TOTP secret of the demo's staff, oversight and admin accounts (src/lib/server/demo.ts). */
export const DEMO_TOTP_SECRET = 'GONGYIDEMOTOTPSECRETJINSEJIAYUAN';
const SECOND_FACTOR = new Set(['admin', 'oversight', 'staff', 'staff2', 'clerk']);

/** The code an authenticator app shows now for `secret`. */
export function totpCode(secret = DEMO_TOTP_SECRET): string {
	return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

/** Password login; demo staff, oversight and admin accounts also pass the TOTP step. */
export async function logIn(page: Page, login: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('账号').fill(login);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	if (SECOND_FACTOR.has(login) && password === DEMO_PASSWORD) await enterTotp(page);
}

export async function enterTotp(page: Page, secret = DEMO_TOTP_SECRET) {
	await expect(page).toHaveURL(/\/login\/totp/);
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('6 位验证码').fill(totpCode(secret));
	await page.getByRole('button', { name: '验证' }).click();
	await expect(page).not.toHaveURL(/\/login\/totp/);
}

/** On the set-up page: reads the shown secret, confirms with a code, returns the secret. */
export async function setUpTotp(page: Page): Promise<string> {
	await expect(page).toHaveURL(/\/account\/totp-setup/);
	await page.locator('html[data-hydrated]').waitFor();
	const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
	await page.getByLabel('6 位验证码').fill(totpCode(secret!));
	await page.getByRole('button', { name: '完成设置' }).click();
	await expect(page).not.toHaveURL(/\/account\/totp-setup/);
	return secret!;
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
