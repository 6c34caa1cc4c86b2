import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
function run(script: string, ...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, GONGYI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cli = (...args: string[]) => run('src/cli/index.ts', ...args);

// Each call starts tsx and PGlite (a few seconds, more on a busy machine).
const SLOW = { timeout: 300_000 };

describe('cli assemblies and record', () => {
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'gongyi-cli-asm-'));
		expect(cli('demo').code).toBe(0);
	}, 300_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('lists the demo assemblies, one tab-separated line each, filtered by estate', SLOW, () => {
		const all = cli('assemblies');
		expect(all.code).toBe(0);
		expect(all.stdout.trim().split('\n')).toEqual([
			'a-jinse-2026-1\te-jinse\t2026年第一次业主大会\tpublished',
			'a-jinse-2026-2\te-jinse\t2026年第二次业主大会\topen',
			'a-jinse-2026-m\te-jinse\t2026年业主大会现场会议\tannounced'
		]);
		const none = cli('assemblies', '--estate', 'e-binhai');
		expect(none).toMatchObject({ code: 0, stdout: '' });
	});

	it('writes the published record to stdout; the verifier accepts it', SLOW, () => {
		const r = cli('record', 'a-jinse-2026-1');
		expect(r.code).toBe(0);
		const record = JSON.parse(r.stdout);
		expect(record.format).toBe('gongyi-record/1');
		const file = join(dir, 'record.json');
		writeFileSync(file, r.stdout);
		const v = run('src/cli/verify.ts', file);
		expect(v.code).toBe(0);
		expect(v.stdout).toContain('"ok":true');
	});

	it(
		'refuses an unknown id and an assembly still open: stderr, exit 1, nothing on stdout',
		SLOW,
		() => {
			for (const [id, message] of [
				['nope', 'no assembly with id nope'],
				['a-jinse-2026-2', 'is open']
			]) {
				const r = cli('record', id);
				expect(r.code).toBe(1);
				expect(r.stdout).toBe('');
				expect(r.stderr).toContain(message);
			}
		}
	);
});
