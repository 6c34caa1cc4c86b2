import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { handOver, logIn, open } from './helpers';

/** The demo's assembly that is open now (src/lib/server/demo-assemblies.ts). */
const OPEN = 'a-jinse-2026-2';
const TITLE = '2026年第二次业主大会';

test('an owner votes on the phone, gets a receipt, downloads it and finds it in 我的投票; a second ballot is announced as replacing the first', async ({
	page
}) => {
	await logIn(page, 'owner1');
	await expect(page).toHaveURL(/\/owner$/);
	await page.getByRole('link', { name: TITLE }).click();
	await expect(page).toHaveURL(new RegExp(`/owner/assemblies/${OPEN}$`));
	await page.getByRole('link', { name: '去投票' }).click();
	await expect(page).toHaveURL(new RegExp(`/owner/assemblies/${OPEN}/vote$`));
	await page.locator('html[data-hydrated]').waitFor();
	await expect(page.getByRole('heading', { name: '投票', exact: true })).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toContainText('填写');
	await expect(page.getByTestId('revote-notice')).toContainText('以最后一次投票为准');
	await expect(
		page.getByText(/您的表决权：专有部分面积 [\d.]+\u00a0m²，人数计 1 人/)
	).toBeVisible();

	// Skipping an item is caught before review, with nothing sent.
	await page.getByRole('button', { name: '下一步：核对' }).click();
	await expect(page.getByRole('alert')).toContainText('项议案未选择');

	const groups = page.getByRole('group');
	const n = await groups.count();
	expect(n).toBeGreaterThanOrEqual(3);
	// The matter-8 item states the 3/4 rule in words.
	await expect(page.getByText(/四分之三以上同意/).first()).toBeVisible();
	const picks = ['同意', '反对', '弃权'];
	for (let i = 0; i < n; i++)
		await groups
			.nth(i)
			.getByText(picks[i % 3], { exact: true })
			.click();
	await page.getByRole('button', { name: '下一步：核对' }).click();

	await expect(page.getByRole('heading', { name: '请核对您的表决票' })).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toContainText('核对');
	await expect(page.getByText(/^专有部分面积 [\d.]+\u00a0m²，人数 1 人$/)).toBeVisible();
	await expect(page.locator('dd', { hasText: /^反对$/ })).toHaveCount(1);
	await page.getByRole('button', { name: '确认提交表决票' }).click();

	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toContainText('完成');
	const seq = (await page.getByTestId('receipt-seq').textContent())!.trim();
	const hash = (await page.getByTestId('receipt-hash').textContent())!.trim();
	expect(seq).toMatch(/^\d+$/);
	expect(hash).toMatch(/^[0-9a-f]{64}$/);
	await expect(page.getByTestId('proof-state')).toBeVisible();
	await expect(page.getByRole('img', { name: '也可以用另一部手机扫码核验' })).toBeVisible();

	// The server signs checkpoints on a timer, so the live endpoint says whether one covers the
	// ballot just before and just after the download, and the file must match.
	const proofNow = async () =>
		(await (await page.request.get(`/api/assemblies/${OPEN}/checkpoint?seq=${seq}`)).json())
			.proof ?? null;
	const downloadReceipt = async () => {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: '下载回执（JSON）' }).click()
		]);
		expect(download.suggestedFilename()).toBe(`receipt-${OPEN}-${seq}.json`);
		return JSON.parse(await readFile((await download.path())!, 'utf8'));
	};
	const before = await proofNow();
	let json = await downloadReceipt();
	let after = await proofNow();
	// A checkpoint signed during the download leaves the file either way: fetch it once more.
	if (before === null && after !== null) {
		json = await downloadReceipt();
		after = await proofNow();
	}
	if (after === null)
		// No checkpoint covers it yet: the file says the proof comes with the next one.
		expect(json).toEqual({
			assembly: OPEN,
			seq: Number(seq),
			hash,
			note: '包含证明尚未生成：请在下一个签名检查点之后重新下载本回执。'
		});
	else expect(json).toMatchObject({ assembly: OPEN, seq: Number(seq), hash, path: after.path });

	await page.getByRole('link', { name: '我的投票' }).click();
	await expect(page).toHaveURL(/\/owner\/ballots$/);
	const mine = page.getByRole('region', { name: TITLE }).getByTestId('my-ballot').first();
	await expect(mine).toContainText(`序号 ${seq}`);
	await expect(mine).toContainText('计入结果');
	await expect(mine.locator('code')).toHaveText(`${hash.slice(0, 8)}…${hash.slice(-8)}`);

	// Coming back: the page says they voted and that a new ballot replaces the earlier one.
	await open(page, `/owner/assemblies/${OPEN}/vote`);
	await expect(page.getByTestId('revote-notice')).toContainText(
		'如再次提交，新的表决票将替换之前的'
	);
	for (let i = 0; i < n; i++) await groups.nth(i).getByText('弃权', { exact: true }).click();
	await page.getByRole('button', { name: '下一步：核对' }).click();
	await page.getByRole('button', { name: '确认提交表决票' }).click();
	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
	const seq2 = Number(await page.getByTestId('receipt-seq').textContent());
	expect(seq2).toBeGreaterThan(Number(seq));

	await open(page, '/owner/ballots');
	const region = page.getByRole('region', { name: TITLE });
	await expect(region.getByTestId('my-ballot').first()).toContainText('计入结果');
	await expect(region.getByTestId('my-ballot').filter({ hasText: `序号 ${seq}` })).toContainText(
		'已被替换，不计入'
	);
});

test('the ballot endpoint refuses cross-site and non-JSON posts and bad choices, storing nothing', async ({
	page
}) => {
	await logIn(page, 'owner2');
	await expect(page).toHaveURL(/\/owner$/);
	const url = `/api/assemblies/${OPEN}/ballots`;
	const post = (headers: Record<string, string>, data: string) =>
		page.request.post(url, { headers, data });
	const origin = new URL(page.url()).origin;
	const cross = await post(
		{ origin: 'https://evil.example', 'content-type': 'application/json' },
		'{"choices":{}}'
	);
	expect(cross.status()).toBe(403);
	const form = await post({ origin, 'content-type': 'text/plain' }, '{"choices":{}}');
	expect(form.status()).toBe(415);
	const bad = await post(
		{ origin, 'content-type': 'application/json' },
		'{"choices":{"r1":"spoiled"}}'
	);
	expect(bad.status()).toBe(422);
	expect(await bad.json()).toMatchObject({ code: 'ballot.invalidChoice' });
	await open(page, '/owner/ballots');
	await expect(page.getByRole('region', { name: TITLE })).toHaveCount(0);
});

test('five ballots from one network address within minutes raise a flag the console explains in a sentence', async ({
	page
}) => {
	// Here, at the end of the run's last file: owner1 has voted above, and no later test needs
	// owner1's first ballot (each demo owner's first ballot belongs to one test). One owner votes on the page, then sends the same ballot four more times at once, as a
	// person casting for neighbours from one phone would (a revote replaces the ballot, but
	// every ballot is one more from this address). All e2e traffic comes from 127.0.0.1.
	await logIn(page, 'owner1');
	await open(page, `/owner/assemblies/${OPEN}/vote`);
	const groups = page.getByRole('group');
	const n = await groups.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) await groups.nth(i).getByText('弃权', { exact: true }).click();
	await page.getByRole('button', { name: '下一步：核对' }).click();
	const url = `/api/assemblies/${OPEN}/ballots`;
	const [cast] = await Promise.all([
		page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === url),
		page.getByRole('button', { name: '确认提交表决票' }).click()
	]);
	await expect(page.getByRole('heading', { name: '投票完成' })).toBeVisible();
	const origin = new URL(page.url()).origin;
	for (let i = 0; i < 4; i++) {
		const res = await page.request.post(url, {
			headers: { origin, 'content-type': 'application/json' },
			data: cast.postData()!
		});
		expect(res.status()).toBe(201);
	}

	await handOver(page);
	await logIn(page, 'oversight');
	const flags = page.getByRole('region', { name: '需要留意的情况' });
	// The address is kept just after each ballot's answer, off its path: read until it is in.
	await expect(async () => {
		await open(page, `/oversight/assemblies/${OPEN}`);
		const flag = flags.getByTestId('flag').filter({ hasText: '同一个网络地址' });
		await expect(flag).toHaveText(
			/^⚠ 同一个网络地址在 10 分钟内提交了 \d+ 张选票，可能有人替别人投票，建议抽查这些业主。$/
		);
		const count = Number(/提交了 (\d+) 张/.exec((await flag.textContent())!)![1]);
		expect(count).toBeGreaterThanOrEqual(5);
	}).toPass({ timeout: 10_000 });
});
