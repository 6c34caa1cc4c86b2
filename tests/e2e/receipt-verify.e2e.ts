import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

/**
 * The demo's open assembly (src/lib/server/demo-assemblies.ts). owner4 may already have a proxy
 * ballot there (proxy.e2e.ts); their own ballot then supersedes it, as revoting allows.
 */
const OPEN = 'a-jinse-2026-2';
const TITLE = '2026年第二次业主大会';

test('a receipt downloaded after voting checks on /verify against the live checkpoint endpoint; a changed copy fails', async ({
	page
}, info) => {
	// The e2e server signs a checkpoint every 5 s while the tree grows (playwright.config.ts).
	test.setTimeout(90_000);
	await logIn(page, 'owner4');
	await expect(page.getByTestId('home-assembly').filter({ hasText: TITLE })).toBeVisible();
	await open(page, `/owner/assemblies/${OPEN}/vote`);
	const groups = page.getByRole('group');
	await expect(groups.nth(2)).toBeVisible();
	for (let i = 0; i < (await groups.count()); i++)
		await groups.nth(i).getByText('同意', { exact: true }).click();
	await page.getByRole('button', { name: '下一步：核对' }).click();
	await page.getByRole('button', { name: '确认提交表决票' }).click();
	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
	const seq = Number(await page.getByTestId('receipt-seq').textContent());
	const hash = (await page.getByTestId('receipt-hash').textContent())!.trim();

	// The public endpoint, as anyone may ask it, until a signed checkpoint covers the ballot.
	const endpoint = `/api/assemblies/${OPEN}/checkpoint?seq=${seq}`;
	await expect
		.poll(async () => (await (await page.request.get(endpoint)).json()).proof, {
			timeout: 45_000,
			intervals: [1_000]
		})
		.not.toBeNull();
	const cp = await (await page.request.get(endpoint)).json();
	expect(cp.proof).toMatchObject({ seq, hash });

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载回执（JSON）' }).click()
	]);
	const file = info.outputPath('receipt.json');
	await download.saveAs(file);
	const receipt = JSON.parse(await readFile(file, 'utf8'));
	// Issued after the checkpoint: it carries that checkpoint's tree size and inclusion path.
	expect(receipt).toEqual({
		assembly: OPEN,
		seq,
		hash,
		treeSize: cp.treeSize,
		path: cp.proof.path
	});
	await handOver(page);

	// Anyone, not logged in: the page asks the live endpoint for the receipt's checkpoint.
	await open(page, '/verify');
	const asked = page.waitForResponse((r) =>
		r.url().endsWith(`/api/assemblies/${OPEN}/checkpoint?treeSize=${cp.treeSize}`)
	);
	await page.getByTestId('receipt-file').setInputFiles(file);
	expect((await asked).status()).toBe(200);
	await expect(page.getByTestId('receipt-verdict')).toContainText(
		`核验通过：您的选票（第 ${seq} 条记录）`
	);
	const steps = page.getByTestId('receipt-steps');
	await expect(steps).toContainText('签名有效');
	await expect(steps).toContainText(`您的选票在第 ${cp.number} 份检查点中`);

	// The same receipt naming another entry's hash is not in that checkpoint.
	const changed = info.outputPath('changed.json');
	await writeFile(changed, JSON.stringify({ ...receipt, hash: 'ab'.repeat(32) }));
	await open(page, '/verify');
	await page.getByTestId('receipt-file').setInputFiles(changed);
	await expect(page.getByTestId('receipt-steps')).toContainText(
		`您的选票不在第 ${cp.number} 份检查点中`
	);
	await expect(page.getByTestId('receipt-verdict')).not.toContainText('核验通过');
});
