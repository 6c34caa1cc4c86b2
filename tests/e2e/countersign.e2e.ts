import { expect, test } from '@playwright/test';
import { logIn, open } from './helpers';

test('the street makes its key in the browser, witnesses the ledger, countersigns, and the public page verifies both', async ({
	page
}) => {
	await logIn(page, 'oversight');
	await open(page, '/oversight/assemblies/a-jinse-2026-1');
	const witness = page.getByTestId('witness');
	await expect(witness).toContainText('湖滨街道还没有登记签名密钥');
	await witness.getByLabel('备份口令（至少 8 个字符）').fill('湖滨街道 2026 口令');
	await witness.getByLabel('再输入一次备份口令').fill('湖滨街道 2026 口令');
	const download = page.waitForEvent('download');
	await witness.getByRole('button', { name: '生成街道密钥并下载备份文件' }).click();
	const backup = JSON.parse(
		await (
			await (await download).createReadStream()
		)
			.toArray()
			.then((c) => Buffer.concat(c).toString())
	);
	expect(backup).toMatchObject({ format: 'gongyi-street-key/1', street: 's-hubin' });
	// The backup holds the key only encrypted (AES-GCM under the passphrase), no secret in clear.
	expect(Object.keys(backup).sort()).toEqual([
		'data',
		'format',
		'iv',
		'kdf',
		'publicKey',
		'street'
	]);
	await expect(witness.getByRole('button', { name: '登记公钥' })).toBeDisabled();
	await witness.getByLabel('我已妥善保存备份文件和口令').check();
	await witness.getByRole('button', { name: '登记公钥' }).click();

	// The key is registered; this browser now witnesses the latest checkpoint by itself.
	await open(page, '/oversight/assemblies/a-jinse-2026-1');
	await expect(page.getByTestId('witness-status')).toContainText('已核对并见证');

	const section = page.locator('section', { has: page.getByRole('heading', { name: '街道会签' }) });
	await section.getByRole('button', { name: '在本机签名并会签' }).click();
	await expect(section.getByRole('status')).toContainText('湖滨街道已于');

	await open(page, '/assemblies/a-jinse-2026-1/ledger');
	const last = page.getByTestId('checkpoint').last();
	await expect(last.getByTestId('cosignature-check')).toContainText('湖滨街道已见证');
	await expect(last.getByTestId('signature-check')).toContainText('签名有效');

	const res = await page.request.get('/api/assemblies/a-jinse-2026-1/record');
	const record = await res.json();
	expect(record.signatures.map((s: { by: string }) => s.by)).toEqual(['platform', 'street']);
});
