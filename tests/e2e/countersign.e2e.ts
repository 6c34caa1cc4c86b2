import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { logIn, open } from './helpers';

const ID = 'a-jinse-2026-1';

// The minutes say whether the street has countersigned, so they are tested after the
// countersignature, in this order, rather than guessing what another file left behind.
test.describe.configure({ mode: 'serial' });

test('the street makes its key in the browser, witnesses the ledger, countersigns, and the public page verifies both', async ({
	page
}) => {
	await logIn(page, 'oversight');
	await open(page, '/oversight/assemblies/a-jinse-2026-1');
	const witness = page.getByTestId('witness');
	await expect(witness).toContainText('湖滨街道还没有登记签名密钥');
	// One place to make the key: the countersign section points to the witness section.
	const countersign = page.locator('section', {
		has: page.getByRole('heading', { name: '街道会签' })
	});
	await expect(countersign.getByTestId('key-setup-above')).toBeVisible();
	await expect(countersign.getByLabel('备份口令（至少 8 个字符）')).toHaveCount(0);
	await expect(page.getByLabel('备份口令（至少 8 个字符）')).toHaveCount(1);
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

test('after the countersignature, oversight downloads the minutes; the verify page accepts them and names the failing check of a tampered copy', async ({
	page
}, info) => {
	await logIn(page, 'oversight');
	await open(page, `/oversight/assemblies/${ID}`);
	const section = page.locator('section', { has: page.getByRole('heading', { name: '街道会签' }) });
	// Countersigned by the test before (serial, one server and one database).
	await expect(section.getByRole('status')).toContainText('湖滨街道已于');

	const download = page.waitForEvent('download');
	await page.getByTestId('minutes-download').click();
	const file = info.outputPath('minutes.pdf');
	await (await download).saveAs(file);
	const pdf = readFileSync(file);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	expect(text).toContain('金色家园业主大会会议决议');
	expect(text).toContain('街道会签后生成');

	await open(page, '/verify');
	const check = page.locator('section', {
		has: page.getByRole('heading', { name: '核验会议决议 PDF' })
	});
	await check.getByLabel('会议决议 PDF 文件').setInputFiles(file);
	await expect(check.getByTestId('minutes-verdict')).toContainText('这份会议决议是真实的');
	for (const name of ['coverage', 'signature', 'signer', 'figures', 'head'])
		await expect(check.getByTestId(`minutes-check-${name}`)).toHaveAttribute('data-ok', 'true');
	await expect(check.getByTestId('minutes-check-signer')).toContainText('与平台公布的一致');
	// Who signed the result, one line each, checked in this browser against the published keys.
	const signers = check.getByTestId('head-signature');
	await expect(signers).toHaveCount(2);
	await expect(signers.nth(0)).toHaveAttribute('data-state', 'ok');
	await expect(signers.nth(1)).toHaveAttribute('data-state', 'ok');
	await expect(signers.nth(1)).toContainText('湖滨街道副署');

	const tampered = Buffer.from(pdf);
	tampered[tampered.indexOf(0x2f, 2000) + 1] ^= 0x01;
	const bad = info.outputPath('tampered.pdf');
	writeFileSync(bad, tampered);
	await check.getByLabel('会议决议 PDF 文件').setInputFiles(bad);
	await expect(check.getByTestId('minutes-verdict')).toContainText('没有通过核验');
	await expect(check.getByTestId('minutes-check-signature')).toHaveAttribute('data-ok', 'false');
	await expect(check.getByTestId('minutes-check-signature')).toContainText('PDF 数字签名无效');
	await expect(check.getByTestId('minutes-check-figures')).toHaveAttribute('data-ok', 'true');
});
