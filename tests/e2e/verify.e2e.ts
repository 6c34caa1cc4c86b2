import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signHead } from '../../src/lib/domain/signature';
import { open } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'gongyi-verify-'));

/** A valid signed sample record, made the way the README tells anyone to make one. */
function sampleRecord(): string {
	const file = join(dir, 'record.json');
	const out = execFileSync(
		'npx',
		['tsx', 'scripts/record-sample.ts', '--units', '20', '--ballots', '30', '--seed', '1'],
		{ encoding: 'utf8' }
	);
	writeFileSync(file, out);
	return file;
}

test('anyone verifies a record file without logging in; a tampered copy shows the error', async ({
	page
}) => {
	const file = sampleRecord();
	await open(page, '/verify');
	await expect(page.getByRole('heading', { name: '核验', exact: true })).toBeVisible();
	await page.getByLabel('会议记录文件（.json）').setInputFiles(file);
	await expect(page.getByTestId('record-ok')).toContainText('记录完整');
	await expect(page.getByTestId('result-view')).toBeVisible();
	await expect(page.getByTestId('turnout-heads')).toContainText('%');

	// Change one ballot's choice but keep its hash: the chain check names that entry.
	const record = JSON.parse(readFileSync(file, 'utf8'));
	const ballot = record.ledger.find((e: { type: string }) => e.type === 'ballot');
	const item = Object.keys(ballot.choices).find((k) => typeof ballot.choices[k] === 'string')!;
	ballot.choices[item] = ballot.choices[item] === 'for' ? 'against' : 'for';
	const tampered = join(dir, 'tampered.json');
	writeFileSync(tampered, JSON.stringify(record));
	await page.getByLabel('会议记录文件（.json）').setInputFiles(tampered);
	const bad = page.getByTestId('record-bad');
	await expect(bad).toContainText('chain.hash');
	await expect(bad).toContainText(`第 ${ballot.seq} 条记录`);
	await expect(bad).toContainText('记录内容被改动');
});

test('the verify page shows who signed the result, checks each signature, and names the one a tampered copy breaks', async ({
	page
}) => {
	// A sample record countersigned by its street (和平街道) with a key of this test's own.
	const record = JSON.parse(readFileSync(sampleRecord(), 'utf8'));
	const streetKey = createHash('sha256').update('e2e street key').digest();
	record.signatures.push(signHead(streetKey, 'street', record.assembly.id, record.result.head));
	const signed = join(dir, 'countersigned.json');
	writeFileSync(signed, JSON.stringify(record));
	await open(page, '/verify');
	const file = page.getByLabel('会议记录文件（.json）');
	await file.setInputFiles(signed);
	await expect(page.getByTestId('record-ok')).toBeVisible();
	const lines = page.getByTestId('head-signatures').getByTestId('head-signature');
	await expect(lines).toHaveCount(2);
	await expect(lines.nth(0)).toHaveAttribute('data-state', 'ok');
	await expect(lines.nth(0)).toContainText('平台签名');
	await expect(lines.nth(1)).toHaveAttribute('data-state', 'ok');
	await expect(lines.nth(1)).toContainText('和平街道副署');
	await expect(lines.nth(1)).toContainText('街道确认了这一结果');
	// Not an assembly of this platform: nothing published to compare the keys with, and it says so.
	await expect(page.getByTestId('head-signatures-unpublished')).toBeVisible();

	// One changed digit in the street's countersignature: that line fails, the platform's holds.
	const street = record.signatures[1];
	street.signature = (street.signature[0] === '0' ? '1' : '0') + street.signature.slice(1);
	const tampered = join(dir, 'countersign-tampered.json');
	writeFileSync(tampered, JSON.stringify(record));
	await file.setInputFiles(tampered);
	await expect(page.getByTestId('record-bad')).toContainText('signature.invalid');
	await expect(lines.nth(0)).toHaveAttribute('data-state', 'ok');
	await expect(lines.nth(1)).toHaveAttribute('data-state', 'bad');
	await expect(lines.nth(1)).toContainText('副署无效');
});

test("a copy of a published record re-signed under another key fails against the platform's published key", async ({
	page
}) => {
	const res = await page.request.get('/api/assemblies/a-jinse-2026-1/record');
	const record = await res.json();
	const platform = record.signatures.findIndex((s: { by: string }) => s.by === 'platform');
	const published = join(dir, 'jinse.json');
	writeFileSync(published, JSON.stringify(record));
	await open(page, '/verify');
	const file = page.getByLabel('会议记录文件（.json）');
	await file.setInputFiles(published);
	const line = page.getByTestId('head-signature').and(page.locator('[data-by="platform"]'));
	await expect(line).toHaveAttribute('data-state', 'ok');
	await expect(page.getByTestId('record-ok')).toBeVisible();
	await expect(page.getByTestId('head-signatures-unpublished')).toHaveCount(0);

	// A forger signs the same head with a key of their own: the signature holds, the key is not ours.
	const forger = createHash('sha256').update('not the platform').digest();
	record.signatures[platform] = signHead(
		forger,
		'platform',
		record.assembly.id,
		record.result.head
	);
	const forged = join(dir, 'jinse-forged.json');
	writeFileSync(forged, JSON.stringify(record));
	await file.setInputFiles(forged);
	await expect(line).toHaveAttribute('data-state', 'foreign');
	await expect(page.getByTestId('record-foreign')).toContainText('可能是伪造的副本');
	await expect(page.getByTestId('record-ok')).toHaveCount(0);
	await expect(line).toContainText('不是平台为这次会议公布的');
});

test('the public ledger shows signed checkpoints, each consistent with the one before', async ({
	page
}) => {
	await open(page, '/assemblies/a-jinse-2026-1/ledger');
	await expect(page.getByTestId('assembly-state')).toHaveText('结果已公布');
	const checkpoints = page.getByTestId('checkpoint');
	await expect(checkpoints.nth(1)).toBeVisible();
	const n = await checkpoints.count();
	// Verified in this browser: every signature and every consistency proof (one per checkpoint
	// after the first), so the loops below cover every checkpoint.
	const signatures = page.getByTestId('signature-check');
	const consistency = page.getByTestId('consistency-check');
	await expect(signatures).toHaveCount(n);
	await expect(consistency).toHaveCount(n - 1);
	for (const s of await signatures.all()) await expect(s).toContainText('✓ 签名有效');
	for (const c of await consistency.all()) await expect(c).toContainText(/✓ 与第 \d+ 份检查点一致/);
	await expect(page.getByTestId('item-r1')).toBeVisible();

	// The published record downloads without login and verifies on the verify page.
	const download = page.waitForEvent('download');
	await page.getByTestId('record-download').click();
	const path = join(dir, 'published.json');
	await (await download).saveAs(path);
	await open(page, '/verify');
	await page.getByLabel('会议记录文件（.json）').setInputFiles(path);
	await expect(page.getByTestId('record-ok')).toBeVisible();
});

test('an open assembly shows live turnout to visitors', async ({ page }) => {
	await open(page, '/assemblies/a-jinse-2026-2/ledger');
	await expect(page.getByTestId('live-status')).toHaveText('实时更新中');
	await expect(page.getByTestId('turnout-area')).toContainText('%');
	await expect(page.getByTestId('record-download')).toHaveCount(0);
});
