import { expect, test, type Locator } from '@playwright/test';
import { logIn, open } from './helpers';

// The published assembly of the demo seed: owner1 voted in it and nothing changes it afterwards.
const PUBLISHED = 'a-jinse-2026-1';

async function runOwnCheck(scope: Locator): Promise<Locator> {
	await scope.getByRole('button', { name: '在本机核验：我的房号、面积和选票' }).click();
	const status = scope.getByRole('status');
	await expect(status).toContainText('业主名册与开始投票时冻结的一致');
	await expect(status.getByTestId('my-unit').first()).toContainText('登记在您名下');
	const entry = status.getByTestId('my-entry').first();
	await expect(entry).toContainText('本机用这条记录重新计算的哈希与账本一致');
	await expect(entry).toContainText(/已在第 \d+ 份签名检查点中/);
	await expect(status).not.toContainText('请向街道反映');
	return status;
}

test('an owner checks in the browser that their flat, area and ballot are in the signed ledger, in 我的投票 and on the verify page', async ({
	page
}) => {
	await logIn(page, 'owner1');
	await open(page, '/owner/ballots');
	const mine = page.locator('section', { has: page.locator(`h2#a-${PUBLISHED}`) });
	await runOwnCheck(mine);

	await open(page, '/verify');
	await runOwnCheck(page.locator('section', { has: page.locator(`h2#mine-${PUBLISHED}`) }));
});
