import { expect, test, type Page } from '@playwright/test';
import { logIn, handOver, open } from './helpers';

async function asUser(page: Page, login: string) {
	await logIn(page, login);
	await expect(page).not.toHaveURL(/\/login/);
}

const PUBLISHED = 'a-jinse-2026-1';
const OBJECTION = '3栋的投票人数和我们楼里统计的不一致，请复核第3项的票数。';
const ANSWER = '已逐张核对3栋的网上和纸质表决票，人数一致，复核表已张贴在物业中心。';

test('an owner objects to the announced result with a photo; staff answer; oversight reads it and recounts', async ({
	page
}) => {
	await asUser(page, 'owner1');
	await open(page, `/owner/assemblies/${PUBLISHED}`);
	const stage = page.getByTestId('result-stage');
	await expect(stage.getByTestId('result-stage-name')).toHaveText('公示中');
	await expect(stage.getByRole('link', { name: '下载会议决议（PDF）' })).toHaveAttribute(
		'href',
		`/assemblies/${PUBLISHED}/minutes.pdf`
	);
	// A file that is not a photo or a PDF is refused with a plain reason.
	await page.getByLabel('异议内容').fill(OBJECTION);
	await page.getByLabel('附件（可不选）').setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('not a photo')
	});
	await page.getByRole('button', { name: '提交异议' }).click();
	await expect(page.getByRole('alert')).toContainText('附件只能是照片');
	await page.getByLabel('异议内容').fill(OBJECTION);
	await page.getByLabel('附件（可不选）').setInputFiles({
		name: 'tally.png',
		mimeType: 'image/png',
		buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
	});
	await page.getByRole('button', { name: '提交异议' }).click();
	await expect(page.getByText('异议已提交')).toBeVisible();
	const mine = page.getByTestId('result-objection').filter({ hasText: OBJECTION });
	await expect(mine).toContainText('待答复');
	await handOver(page);

	await asUser(page, 'staff');
	await open(page, `/staff/estates/e-jinse/assemblies/${PUBLISHED}`);
	const obj = page.getByTestId('result-objection').filter({ hasText: OBJECTION });
	await expect(obj).toContainText('待答复');
	const attachment = await page.request.get(
		(await obj.getByRole('link', { name: /查看附件/ }).getAttribute('href'))!
	);
	expect(attachment.headers()['content-type']).toBe('image/png');
	await obj.getByLabel('书面答复').fill(ANSWER);
	await obj.getByRole('button', { name: '提交答复' }).click();
	await expect(obj.getByTestId('result-objection-answer')).toHaveText(ANSWER);
	await expect(obj).toContainText('已答复');
	await handOver(page);

	await asUser(page, 'owner1');
	await open(page, `/owner/assemblies/${PUBLISHED}`);
	await expect(
		page
			.getByTestId('result-objection')
			.filter({ hasText: OBJECTION })
			.getByTestId('result-objection-answer')
	).toHaveText(ANSWER);
	await handOver(page);

	await asUser(page, 'oversight');
	await open(page, `/oversight/assemblies/${PUBLISHED}`);
	const seen = page.getByTestId('result-objection').filter({ hasText: OBJECTION });
	await expect(seen).toContainText('未阅');
	await seen.getByRole('button', { name: '标为已阅' }).click();
	await expect(seen).not.toContainText('未阅');
	await expect(seen.getByRole('button', { name: '标为已阅' })).toHaveCount(0);
	await page.getByRole('button', { name: /下令复核/ }).click();
	await expect(page.getByTestId('recount-outcome')).toContainText('结果与公布的一致');
});
