import { expect, test } from '@playwright/test';
import { logIn, open } from './helpers';

const MEETING = 'a-jinse-2026-m';
const OPEN_BUTTON = '开始投票';
const BASE = `/staff/estates/e-jinse/assemblies/${MEETING}`;

test('staff run a meeting of two items; the projector in another browser updates without reload', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await logIn(page, 'staff');
	// The estate's to-do list names the next step of the approved meeting.
	await expect(
		page
			.getByTestId('todo')
			.getByTestId('todo-assembly')
			.filter({ hasText: '2026年业主大会现场会议' })
	).toContainText('下一步：开始投票');
	await open(page, BASE);
	await page.getByRole('button', { name: OPEN_BUTTON }).click();
	await expect(page.getByRole('button', { name: OPEN_BUTTON })).toHaveCount(0);
	await open(page, `${BASE}/meeting`);
	const url = (await page.getByTestId('screen-url').textContent())!.trim();

	// The projector: no login, its own browser, a large screen.
	const screen = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const projector = await screen.newPage();
	await projector.goto(url);
	await projector.locator('html[data-hydrated]').waitFor();
	await expect(projector.getByTestId('current-item')).toContainText('请稍候');
	await expect(projector.getByTestId('screen-present')).toContainText(/^0 人 ·/);
	await projector.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

	// Check-in by unit search.
	await page.getByLabel('按房号查找').fill('1001');
	await page.getByRole('button', { name: '查找' }).first().click();
	await page.getByRole('button', { name: '签到', exact: true }).first().click();
	await expect(page.getByRole('status').filter({ hasText: '已签到' })).toBeVisible();
	await expect(projector.getByTestId('screen-present')).toContainText(/^1 人 ·/);

	// A code that names nobody is refused in words; then check-in by phone number (demo owner o5).
	await page.getByLabel('或输入通知书或表决票上的编号').fill('0000-0000-0000-0000');
	await page.getByRole('button', { name: '按编号签到' }).click();
	await expect(page.getByRole('alert')).toContainText('没有识别出这个二维码或编号');
	await page.getByLabel('按手机号查找').fill('139 5003 9595');
	await page.getByRole('button', { name: '查找' }).nth(1).click();
	// That owner holds two units, listed one by one; one check-in covers the owner.
	await expect(page.getByRole('button', { name: '签到', exact: true })).toHaveCount(2);
	await page.getByRole('button', { name: '签到', exact: true }).first().click();
	await expect(page.getByRole('status').filter({ hasText: '已签到' })).toBeVisible();
	await expect(projector.getByTestId('screen-present')).toContainText(/^2 人 ·/);

	const items = page.getByTestId('meeting-item');
	await expect(items).toHaveCount(2);
	const titles = [(await items.nth(0).textContent())!, (await items.nth(1).textContent())!].map(
		(x) =>
			x
				.split(' · ')[0]
				.replace(/^\d+\.\s*/, '')
				.trim()
	);
	// An owner votes on the phone during the meeting: only the item open now, nothing between items.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
	const owner = await phone.newPage();
	await logIn(owner, 'owner1');
	const vote = async () => {
		await expect(owner.getByTestId('meeting-now')).toContainText('现在只对下面这个议题表决');
		await expect(owner.getByRole('group')).toHaveCount(1);
		await owner.getByRole('group').getByText('同意', { exact: true }).click();
		await owner.getByRole('button', { name: '下一步：核对' }).click();
		await owner.getByRole('button', { name: '确认提交表决票' }).click();
		await expect(owner.getByRole('heading', { name: '投票完成' })).toBeVisible();
	};
	// Before the first item opens, the ballot page offers every item (voting beforehand).
	await open(owner, `/owner/assemblies/${MEETING}/vote`);
	await expect(owner.getByRole('group', { name: titles[1] })).toBeVisible();
	await expect(owner.getByTestId('meeting-now')).toHaveCount(0);
	const mark = () => owner.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
	const marked = () => owner.evaluate(() => (window as unknown as { marker?: number }).marker);
	for (const [i, title] of titles.entries()) {
		await mark();
		await items.nth(i).getByRole('button', { name: '开启表决' }).click();
		await expect(projector.getByTestId('current-item')).toHaveText(title);
		// The owner's page follows the meeting over Socket.IO: the item appears, no reload.
		await expect(owner.getByRole('group', { name: title })).toBeVisible();
		await expect(owner.getByRole('group')).toHaveCount(1);
		expect(await marked()).toBe(1);
		await vote();
		await items.nth(i).getByRole('button', { name: '结束本项表决' }).click();
		await expect(items.nth(i)).toContainText('已结束');
		await open(owner, `/owner/assemblies/${MEETING}/vote`);
		await expect(owner.getByTestId('meeting-wait')).toContainText('现在没有正在表决的议题');
		await expect(owner.getByRole('group')).toHaveCount(0);
		await expect(projector.getByTestId('current-item')).toContainText('请稍候');
		await expect(
			projector.getByTestId('screen-results').getByRole('heading', { name: title }).first()
		).toBeVisible();
	}
	await expect(items.getByRole('button')).toHaveCount(0);
	await phone.close();
	// The same document all along: updated over Socket.IO, never reloaded.
	expect(await projector.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
	await screen.close();
});
