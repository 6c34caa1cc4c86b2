import { expect, test, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import { logIn, open } from './helpers';

const OPEN = 'a-jinse-2026-2';

async function authorise(browser: Browser, login: string, direct: string | null, file: string) {
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await ctx.newPage();
	await logIn(page, login);
	await expect(page).toHaveURL(/\/owner$/, { timeout: 20_000 });
	await open(page, `/owner/assemblies/${OPEN}`);
	await page.getByRole('link', { name: '委托他人代为投票' }).click();
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('代理人的登录账号').fill('owner1');
	if (direct) await page.getByRole('radio', { name: direct }).first().check();
	await page.getByLabel('签名的书面委托书（照片或 PDF）').setInputFiles(file);
	await page.getByRole('button', { name: '提交委托' }).click();
	await expect(page.getByTestId('my-proxy')).toContainText('待核验');
	await ctx.close();
}

test('two owners authorise owner1; staff verify; the proxy votes for both on a phone, directed choices fixed', async ({
	page,
	browser
}) => {
	// Four people log in one after another (argon2 each): longer than the default 30 s on 2 cores.
	test.setTimeout(90_000);
	const file = test.info().outputPath('authorisation.png');
	await QRCode.toFile(file, 'signed authorisation', { width: 200 });
	await authorise(browser, 'owner4', '反对', file);
	await authorise(browser, 'owner5', null, file);

	const staff = await browser.newContext();
	const s = await staff.newPage();
	await logIn(s, 'staff');
	await open(s, `/staff/estates/e-jinse/assemblies/${OPEN}/proxies`);
	for (let i = 0; i < 2; i++) {
		await s.getByRole('button', { name: '核验通过' }).first().click();
		await expect(s.getByRole('button', { name: '核验通过' })).toHaveCount(1 - i);
	}
	await staff.close();

	await logIn(page, 'owner1');
	await expect(page).toHaveURL(/\/owner$/, { timeout: 20_000 });
	await open(page, '/proxy');
	const rows = page.getByTestId('represented').filter({ hasText: '2026年第二次业主大会' });
	await expect(rows).toHaveCount(2);
	for (let i = 0; i < 2; i++) {
		await open(page, '/proxy');
		await page.getByRole('link', { name: '代为投票' }).first().click();
		await page.locator('html[data-hydrated]').waitFor();
		await expect(page.getByTestId('proxy-banner')).toContainText('不是您自己的表决票');
		const directed = page.getByText(/业主已指示：反对（不能更改）/);
		const groups = page.getByRole('group');
		const n = await groups.count();
		for (let g = 0; g < n; g++) {
			const choice = groups.nth(g).getByText('同意', { exact: true });
			if (await choice.count()) await choice.click();
		}
		if (await directed.count()) await expect(directed).toBeVisible();
		await page.getByRole('button', { name: '确认提交代理表决票' }).click();
		await expect(page.getByRole('status')).toContainText(/已代业主投票。回执号：第 \d+ 号/);
	}
	await open(page, '/proxy');
	await expect(rows.filter({ hasText: '代理人已投票' })).toHaveCount(2);
	await expect(page.getByRole('link', { name: '代为投票' })).toHaveCount(0);
});

test('an owner names a proxy who has no account; the person registers with the code and sees the ballot', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const file = test.info().outputPath('named-authorisation.png');
	await QRCode.toFile(file, 'signed authorisation (named)', { width: 200 });
	const login = `proxy${Date.now() % 1_000_000}`;
	const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const o = await ctx.newPage();
	await logIn(o, 'owner2');
	await expect(o).toHaveURL(/\/owner$/, { timeout: 20_000 });
	await open(o, `/owner/assemblies/${OPEN}/proxy`);
	// An earlier run may have left a live authorisation of owner2: revoke it first.
	while (await o.getByRole('button', { name: '撤销委托' }).count()) {
		await o.getByRole('button', { name: '撤销委托' }).first().click();
		await expect(o.getByText('委托已撤销')).toBeVisible();
	}
	await o.getByRole('radio', { name: '代理人还没有账号' }).check();
	await o.getByLabel('代理人姓名').fill('张小红');
	await o.getByLabel('代理人手机号').fill('12345');
	await o.getByLabel('签名的书面委托书（照片或 PDF）').setInputFiles(file);
	await o.getByRole('button', { name: '提交委托' }).click();
	await expect(o.getByRole('alert')).toContainText('11 位手机号');
	await o.getByLabel('代理人手机号').fill('138 0013 8000');
	await o.getByLabel('签名的书面委托书（照片或 PDF）').setInputFiles(file);
	await o.getByRole('button', { name: '提交委托' }).click();
	const shown = (await o.getByTestId('named-code').locator('.font-mono').textContent())!.trim();
	expect(shown).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);
	await expect(o.getByTestId('my-proxy').filter({ hasText: '待核验' })).toContainText('张小红');
	await o.screenshot({ path: test.info().outputPath('owner-named-390.png'), fullPage: true });
	// The person lost the note: the owner issues a new code, and the old one stops working.
	await o.getByRole('button', { name: '重新生成登记码' }).click();
	await expect(o.getByRole('status').filter({ hasText: '旧的登记码已作废' })).toBeVisible();
	const fresh = (await o.getByTestId('named-code').locator('.font-mono').textContent())!.trim();
	expect(fresh).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);
	expect(fresh).not.toBe(shown);
	await o.screenshot({ path: test.info().outputPath('owner-reissued-390.png'), fullPage: true });
	await ctx.close();

	// The named person registers: the old code, then a wrong phone are refused in words, then the
	// new code with the right phone is taken.
	await page.goto('/proxy/register');
	await page.locator('html[data-hydrated]').waitFor();
	const register = async (code: string, phone: string) => {
		await page.getByLabel('登记码（16 位）').fill(code); // typed as shown, with the spaces
		await page.getByLabel('您的手机号').fill(phone);
		await page.getByLabel('设定登录账号').fill(login);
		await page.getByLabel('设定密码（至少 8 位）').fill('gongyi2026');
		await page.getByRole('button', { name: '完成登记' }).click();
	};
	await register(shown, '13800138000');
	await expect(page.getByRole('alert')).toContainText('登记码不对，或已经用过');
	await register(fresh, '13900139000');
	await expect(page.getByRole('alert')).toContainText('手机号与业主登记的不一致');
	await page.screenshot({ path: test.info().outputPath('register-390.png'), fullPage: true });
	await register(fresh, '13800138000');
	await expect(page.getByRole('status')).toContainText(`您的登录账号是 ${login}`);

	const staff = await browser.newContext();
	const s = await staff.newPage();
	await logIn(s, 'staff');
	await open(s, `/staff/estates/e-jinse/assemblies/${OPEN}/proxies`);
	const row = s
		.getByTestId('proxy-row')
		.filter({ hasText: '张小红' })
		.filter({ hasText: '待核验' });
	await row.getByRole('button', { name: '核验通过' }).click();
	await expect(row).toHaveCount(0);
	await staff.close();

	await logIn(page, login, 'gongyi2026');
	await open(page, '/proxy');
	const mine = page.getByTestId('represented').filter({ hasText: '2026年第二次业主大会' });
	await expect(mine).toHaveCount(1);
	await mine.getByRole('link', { name: '代为投票' }).click();
	await page.locator('html[data-hydrated]').waitFor();
	await expect(page.getByTestId('proxy-banner')).toContainText('不是您自己的表决票');
	await expect(page.getByRole('button', { name: '确认提交代理表决票' })).toBeVisible();
});
