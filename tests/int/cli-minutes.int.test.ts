import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsig } from './minutes-helpers';

let dir: string;
function cli(...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, GONGYI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

// Each call starts tsx and PGlite (a few seconds, more on a busy machine).
const SLOW = { timeout: 300_000 };

describe('cli minutes', () => {
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'gongyi-cli-minutes-'));
		expect(cli('demo').code).toBe(0);
	}, 300_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the signed minutes of the published assembly to stdout', SLOW, () => {
		const r = cli('minutes', 'a-jinse-2026-1');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdfsig(new Uint8Array(r.stdout))).toContain('Signature is Valid.');
	});

	it(
		'refuses an assembly that is not counted, and an unknown one, with a message and exit 1',
		SLOW,
		() => {
			const open = cli('minutes', 'a-jinse-2026-2');
			expect(open.code).toBe(1);
			expect(open.stdout.length).toBe(0);
			expect(open.stderr).toContain(
				'assembly a-jinse-2026-2 is open; minutes exist only once it is counted'
			);
			const unknown = cli('minutes', 'nope');
			expect(unknown.code).toBe(1);
			expect(unknown.stderr).toContain('no assembly with id nope');
		}
	);
});
