import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, handOver, logIn, open, setUpTotp } from './helpers';

/** Only proxy.e2e uses owner5 (to authorise a proxy); this test hands its password back. */
const OWNER = 'owner5';
const RESET = '/staff/estates/e-jinse/password-reset';

async function issueCode(page: Page, login: string): Promise<string> {
	await logIn(page, 'staff');
	await open(page, RESET);
	await page.getByLabel('业主的登录账号').fill(login);
	await page.getByLabel('我已当面核对业主本人的身份证件。').check();
	await page.getByRole('button', { name: '生成重置码' }).click();
	await expect(page.getByRole('status')).toContainText(`请把下面的重置码当面交给 ${login} 本人`);
	const code = (await page.getByTestId('reset-code').textContent())!.trim();
	expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
	await handOver(page);
	return code;
}

async function redeem(page: Page, login: string, code: string, password: string) {
	await open(page, '/login');
	await page.getByRole('link', { name: '忘记密码？' }).click();
	await expect(page).toHaveURL(/\/login\/reset$/);
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('账号').fill(login);
	await page.getByLabel('重置码').fill(code);
	await page.getByLabel('新密码（至少 8 位）').fill(password);
	await page.getByLabel('再输入一次新密码').fill(password);
	await page.getByRole('button', { name: '设置新密码' }).click();
	await expect(page.getByRole('status')).toContainText('新密码已设置');
}

async function loggedInElsewhere(browser: Browser, login: string, password = DEMO_PASSWORD) {
	const other = await browser.newPage();
	await logIn(other, login, password);
	await expect(other).not.toHaveURL(/\/login/);
	return other;
}

test('staff hand an owner a one-time code in person; the owner sets a new password with it, old sessions end, the code works once', async ({
	page,
	browser
}) => {
	const phone = await loggedInElsewhere(browser, OWNER);
	const code = await issueCode(page, OWNER);

	const fresh = 'Neues-Passwort-2026';
	await redeem(page, OWNER, code, fresh);
	// The session on the other device is over.
	await phone.goto('/owner');
	await expect(phone).toHaveURL(/\/login/);
	await phone.close();

	// The old password no longer opens the account; the new one does.
	await open(page, '/login');
	await page.getByLabel('账号').fill(OWNER);
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('账号或密码不正确。');
	await expect(page).toHaveURL(/\/login$/);
	await logIn(page, OWNER, fresh);
	await expect(page).toHaveURL(/\/owner$/);
	await handOver(page);

	// A used code is refused with a plain message.
	await open(page, '/login/reset');
	await page.getByLabel('账号').fill(OWNER);
	await page.getByLabel('重置码').fill(code);
	await page.getByLabel('新密码（至少 8 位）').fill('Noch-ein-Passwort-1');
	await page.getByLabel('再输入一次新密码').fill('Noch-ein-Passwort-1');
	await page.getByRole('button', { name: '设置新密码' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'账号或重置码不对，或重置码已过期。请向工作人员重新申请。'
	);

	// The demo password back, through the same way, for the files that follow.
	await redeem(page, OWNER, await issueCode(page, OWNER), DEMO_PASSWORD);
	await logIn(page, OWNER);
	await expect(page).toHaveURL(/\/owner$/);
});

test('admin creates a staff account, renames, disables and re-enables it, and resets its second factor', async ({
	page,
	browser
}) => {
	const login = `e2e-staff-${Date.now().toString(36)}`;
	const password = 'Erstes-Passwort-2026';
	await logIn(page, 'admin');
	await open(page, '/admin');
	const create = page.locator('form[action="?/createAccount"]');
	await create.getByLabel('账号').fill(login);
	await create.getByLabel('显示名称').fill('临时工作人员');
	await create.getByLabel('初始密码（至少 8 位）').fill(password);
	await create.getByLabel('角色').selectOption({ label: '筹备组/业委会' });
	await create.getByLabel('所属区域').selectOption({ label: '小区 · 金色家园' });
	await create.getByRole('button', { name: '创建' }).click();
	await expect(create.getByRole('status')).toContainText(login);

	// The new member of staff logs in and binds an authenticator app, on another device.
	const desk = await browser.newPage();
	await logIn(desk, login, password);
	await setUpTotp(desk);
	await expect(desk).toHaveURL(/\/staff/);

	const item = page.getByTestId(`account-${login}`);
	const manage = async () => {
		// `open` is an empty attribute when the panel is open.
		if ((await item.locator('details').getAttribute('open')) === null)
			await item.getByText('管理此账号').click();
	};
	await manage();
	await item.getByLabel('显示名称').fill('金色家园筹备组 王老师');
	await item.getByRole('button', { name: '保存名称' }).click();
	await expect(item.getByRole('status')).toHaveText('名称已保存。');
	await expect(item).toContainText('金色家园筹备组 王老师');

	page.once('dialog', (d) => d.accept());
	await manage();
	await item.getByRole('button', { name: '停用账号' }).click();
	await expect(item.getByRole('status')).toHaveText('账号已停用，已退出所有登录。');
	await expect(item).toContainText('已停用');
	// Its session ended and its password no longer logs in.
	await desk.goto('/staff');
	await expect(desk).toHaveURL(/\/login/);
	await desk.locator('html[data-hydrated]').waitFor();
	await desk.getByLabel('账号').fill(login);
	await desk.getByLabel('密码').fill(password);
	await desk.getByRole('button', { name: '登录', exact: true }).click();
	await expect(desk.getByRole('alert')).toHaveText('账号或密码不正确。');
	await expect(desk).toHaveURL(/\/login(\?|$)/);

	await manage();
	await item.getByRole('button', { name: '重新启用' }).click();
	await expect(item.getByRole('status')).toHaveText('账号已重新启用。');
	await expect(item).not.toContainText('已停用');

	page.once('dialog', (d) => d.accept());
	await manage();
	await item.getByRole('button', { name: '重置动态验证码' }).click();
	await expect(item.getByRole('status')).toHaveText('动态验证码已重置，对方下次登录时重新绑定。');

	// Enabled again, and asked to bind an app anew rather than for the old app's code.
	await logIn(desk, login, password);
	await setUpTotp(desk);
	await expect(desk).toHaveURL(/\/staff/);
	await desk.close();
});
