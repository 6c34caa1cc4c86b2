import { expect, test, type Page } from '@playwright/test';
import { enterTotp, logIn, logOut, open } from './helpers';

/** Chromium's virtual authenticator stands in for the phone's fingerprint or face unlock. */
async function virtualAuthenticator(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true
		}
	});
}

async function addPasskey(page: Page, label: string) {
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('名称').fill(label);
	await page.getByRole('button', { name: '添加通行密钥' }).click();
	await expect(page.getByRole('status')).toHaveText('通行密钥已添加。');
	await expect(page.getByText(label, { exact: true })).toBeVisible();
}

async function passkeyLogin(page: Page) {
	await open(page, '/login');
	await page.getByRole('button', { name: '使用通行密钥登录' }).click();
}

test('an owner adds a passkey and logs in with it instead of the password', async ({ page }) => {
	await virtualAuthenticator(page);
	await logIn(page, 'owner2');
	await expect(page).toHaveURL(/\/owner$/);
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByRole('link', { name: '通行密钥登录设置' }).click();
	await expect(page).toHaveURL(/\/account\/passkeys$/);
	await addPasskey(page, '我的手机');

	await logOut(page);
	await passkeyLogin(page);
	await expect(page).toHaveURL(/\/owner$/);
	await expect(page.getByRole('link', { name: '通行密钥登录设置' })).toBeVisible();

	// Last use is shown, and the passkey can be deleted again.
	await open(page, '/account/passkeys');
	await expect(page.getByText(/上次使用/)).toBeVisible();
	await page.getByRole('button', { name: '删除通行密钥“我的手机”' }).click();
	await expect(page.getByText('还没有通行密钥。')).toBeVisible();
});

test('staff logging in with a passkey still enter their TOTP code', async ({ page }) => {
	// Two TOTP logins: a code is good once, so the second waits for the next 30 s step.
	test.setTimeout(90_000);
	await virtualAuthenticator(page);
	await logIn(page, 'staff');
	await open(page, '/account/passkeys');
	await addPasskey(page, '办公室电脑');
	await logOut(page);
	await passkeyLogin(page);
	await enterTotp(page);
	await expect(page).toHaveURL(/\/staff/);
});
