import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { enterTotp, logIn, handOver, open } from './helpers';

const REGS = '/staff/estates/e-jinse/registrations';

/** Staff print the letters of one building; the PDF's text holds names, codes and links. */
async function downloadLetters(page: Page, building: string): Promise<string> {
	await open(page, REGS);
	await page.getByLabel('范围').selectOption({ label: building });
	const [response, download] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/registrations/letters')),
		page.waitForEvent('download'),
		page.getByRole('button', { name: '生成并下载 PDF' }).click()
	]);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const file = test.info().outputPath('letters.pdf');
	await download.saveAs(file);
	expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
	return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

test('staff print letters; an owner registers on a phone with the code and is verified', async ({
	page,
	browser
}) => {
	// Three logins (argon2 each), a letters PDF and a registration: longer than the default 30 s
	// on 2 busy cores.
	test.setTimeout(120_000);
	await page.goto('/login');
	await page.getByLabel('账号').fill('staff');
	await page.getByLabel('密码').fill('gongyi2026');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	// The second factor comes before any staff page.
	await enterTotp(page);
	await expect(page).toHaveURL(/\/staff\/estates\/e-jinse$/);

	const text = await downloadLetters(page, '5栋');
	const pages = text.split('\f').filter((p) => p.includes('登记码'));
	expect(pages.length).toBeGreaterThan(5);
	// Find an owner whose name is unique, to read the ID last 4 staff see in the roll.
	let found: { name: string; code: string; last4: string } | null = null;
	for (const p of pages) {
		const name = /尊敬的\s*(\S+)\s*业主/.exec(p)?.[1];
		const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(p)?.[0];
		if (!name || !code) continue;
		await open(page, `${REGS}?q=${encodeURIComponent(name)}`);
		const options = page.getByRole('radio');
		if ((await options.count()) !== 1) continue;
		const label = await page.locator('label', { has: options }).innerText();
		const last4 = /·\s*([0-9X]{4})/.exec(label)?.[1];
		if (last4) found = { name, code, last4 };
		if (found) break;
	}
	expect(found).not.toBeNull();
	await handOver(page);

	const phone = await browser.newContext({
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	const owner = await phone.newPage();
	await open(owner, `/register?code=${found!.code.replace(/-/g, '')}`);
	await expect(owner.getByLabel('登记码（16 位）')).toHaveValue(found!.code.replace(/-/g, ''));
	await owner.getByLabel('业主姓名').fill(found!.name);
	await owner.getByLabel('身份证件号码后 4 位').fill(found!.last4.toLowerCase());
	await owner.getByLabel('登录账号').fill('13912345678');
	await owner.getByLabel('设置密码（至少 8 位）').fill('my-secret-2026');
	await owner.getByRole('button', { name: '提交登记' }).click();
	await expect(owner).toHaveURL(/\/owner$/);
	await expect(owner.getByRole('heading', { level: 1, name: '金色家园' })).toBeVisible();
	await expect(owner.getByText('我的房屋')).toBeVisible();

	// The same code a second time: the generic answer, nothing about the owner.
	await owner.getByRole('button', { name: '退出登录' }).click();
	await open(owner, `/register?code=${found!.code}`);
	await owner.getByLabel('业主姓名').fill(found!.name);
	await owner.getByLabel('身份证件号码后 4 位').fill(found!.last4);
	await owner.getByLabel('登录账号').fill('13912345679');
	await owner.getByLabel('设置密码（至少 8 位）').fill('my-secret-2026');
	await owner.getByRole('button', { name: '提交登记' }).click();
	await expect(owner.getByRole('alert')).toHaveText(/登记码无效、已使用或已过期/);
	await phone.close();

	await logIn(page, 'staff');
	await open(page, REGS);
	await expect(page.getByTestId('verified-owners')).toContainText('13912345678');
});

test('self-registration with a photo waits for review; staff reject with a reason the owner sees', async ({
	page,
	browser
}) => {
	const phone = await browser.newContext({
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	const owner = await phone.newPage();
	await open(owner, '/register/self?q=金色');
	await owner.getByRole('link', { name: '金色家园' }).click();
	await owner.locator('html[data-hydrated]').waitFor();
	await owner.getByLabel('楼栋').selectOption({ label: '2栋' });
	await owner.getByLabel('房号（如 1201）').fill('302');
	await owner.getByLabel('业主姓名').fill('测试业主');
	await owner.getByLabel('身份证件号码后 4 位').fill('1234');
	await owner.getByLabel('登录账号').fill('13800000001');
	await owner.getByLabel('设置密码（至少 8 位）').fill('my-secret-2026');
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	);
	await owner
		.getByLabel('房产证照片')
		.setInputFiles({ name: 'cert.png', mimeType: 'image/png', buffer: png });
	await owner.getByRole('button', { name: '提交登记' }).click();
	await expect(owner).toHaveURL(/\/register\/status$/);
	await expect(owner.getByTestId('registration-status')).toContainText('正在等待工作人员审核');

	await logIn(page, 'staff');
	await open(page, REGS);
	const req = page.getByTestId('request').filter({ hasText: '测试业主' });
	await expect(req).toContainText('2栋 302');
	const photo = (await req.locator('a').first().getAttribute('href'))!;
	const img = await page.request.get(photo);
	expect(img.status()).toBe(200);
	expect(img.headers()['content-type']).toBe('image/png');
	await req.getByLabel('驳回原因（业主可见）').fill('照片看不清，请到物业现场核验');
	await req.getByRole('button', { name: '驳回' }).click();
	await expect(page.getByRole('status')).toHaveText('已驳回。');

	await owner.reload();
	await expect(owner.getByTestId('registration-status')).toContainText(
		'原因：照片看不清，请到物业现场核验'
	);
	// Not public: the applicant's own session is outside the staff's scope (404), and a browser
	// without a session is sent to the login page.
	const url = new URL(photo, owner.url()).href;
	expect((await owner.request.get(url, { maxRedirects: 0 })).status()).toBe(404);
	const stranger = await browser.newContext();
	const anon = await stranger.request.get(url, { maxRedirects: 0 });
	expect(anon.status()).toBe(303);
	expect(anon.headers()['location']).toMatch(/^\/login\?next=/);
	await stranger.close();
	await phone.close();
});
