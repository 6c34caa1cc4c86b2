import { expect, test } from '@playwright/test';
import { logIn, open } from './helpers';

test('the street makes its key in the browser, registers it and countersigns the published result', async ({
	page
}) => {
	await logIn(page, 'oversight');
	await open(page, '/oversight/assemblies/a-jinse-2026-1');
	const section = page.locator('section', { has: page.getByRole('heading', { name: '街道会签' }) });
	await expect(section).toContainText('湖滨街道还没有登记签名密钥');
	await section.getByRole('button', { name: '生成街道签名密钥' }).click();
	const secret = (await section.getByTestId('street-secret').textContent())!.trim();
	expect(secret).toMatch(/^[0-9a-f]{64}$/);
	await expect(section.getByRole('button', { name: '登记公钥' })).toBeDisabled();
	await section.getByLabel('我已妥善保存私钥文件').check();
	await section.getByRole('button', { name: '登记公钥' }).click();

	await section.getByLabel(/街道私钥/).fill('00'.repeat(32));
	await section.getByRole('button', { name: '在本机签名并会签' }).click();
	await expect(section.getByRole('alert')).toContainText('与湖滨街道登记的公钥不符');

	await section.getByLabel(/街道私钥/).fill(secret);
	await section.getByRole('button', { name: '在本机签名并会签' }).click();
	await expect(section.getByRole('status')).toContainText('湖滨街道已于');

	// The public record now carries the street's signature next to the platform's.
	const res = await page.request.get('/api/assemblies/a-jinse-2026-1/record');
	const record = await res.json();
	expect(record.signatures.map((s: { by: string }) => s.by)).toEqual(['platform', 'street']);
});
