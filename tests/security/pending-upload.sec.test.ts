import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	dropUpload,
	stashUpload,
	sweepPendingUploads,
	takeUpload
} from '../../src/lib/server/roll/pending-upload';

const HOUR = 60 * 60 * 1000;
const bytes = new TextEncoder().encode(
	'楼栋,房号,姓名,身份证号\n1,101,王建国,110101195001011234\n'
);

describe('#15 pending roll uploads', () => {
	let base: string;
	const saved = process.env.GONGYI_UPLOADS;
	beforeEach(() => {
		base = mkdtempSync(join(tmpdir(), 'gongyi-uploads-'));
		process.env.GONGYI_UPLOADS = base;
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.GONGYI_UPLOADS;
		else process.env.GONGYI_UPLOADS = saved;
		rmSync(base, { recursive: true, force: true });
	});
	const pending = () => join(base, 'roll-pending');

	it('are stored 0600 in a 0700 directory under GONGYI_UPLOADS', async () => {
		const { token } = await stashUpload('e-1', bytes, 'roll.csv');
		expect(statSync(pending()).mode & 0o777).toBe(0o700);
		const files = readdirSync(pending()).sort();
		expect(files).toEqual([`${token}.bin`, `${token}.json`]);
		for (const f of files) expect(statSync(join(pending(), f)).mode & 0o777).toBe(0o600);
	});

	it('are deleted on confirm (drop) and no longer taken', async () => {
		const { token, sha256 } = await stashUpload('e-1', bytes, 'roll.csv');
		expect((await takeUpload('e-1', token, sha256))?.filename).toBe('roll.csv');
		await dropUpload(token);
		expect(readdirSync(pending())).toEqual([]);
		expect(await takeUpload('e-1', token, sha256)).toBeNull();
	});

	it('are deleted on expiry: when taken late, and by the sweep', async () => {
		const now = Date.now();
		const late = await stashUpload('e-1', bytes, 'late.csv', now - 2 * HOUR);
		expect(await takeUpload('e-1', late.token, late.sha256, now)).toBeNull();
		expect(readdirSync(pending())).toEqual([]);

		const fresh = await stashUpload('e-1', bytes, 'fresh.csv', now);
		const old = await stashUpload('e-1', bytes, 'old.csv', now - 2 * HOUR);
		const past = new Date(now - 2 * HOUR);
		for (const f of [`${old.token}.bin`, `${old.token}.json`])
			utimesSync(join(pending(), f), past, past);
		expect(readdirSync(pending())).toHaveLength(4);
		await sweepPendingUploads(now);
		expect(readdirSync(pending()).sort()).toEqual([`${fresh.token}.bin`, `${fresh.token}.json`]);
		expect(old.token).not.toBe(fresh.token);
	});
});
