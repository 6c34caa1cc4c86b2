import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dataDir: string;
function cli(...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, GONGYI_DATA_DIR: dataDir, DATABASE_URL: '' }
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const total = () => cli('roll', 'show', '--estate', 'e-binhai').stdout.trim().split('\n').at(-1);

// Each call starts tsx and PGlite (a few seconds, more on a busy machine).
const SLOW = { timeout: 300_000 };

describe('cli roll import', () => {
	beforeAll(() => {
		dataDir = mkdtempSync(join(tmpdir(), 'gongyi-cli-'));
		expect(cli('demo').code).toBe(0);
	}, 300_000);
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it(
		'a file with problems prints one JSON object with every problem, exits 2, imports nothing',
		SLOW,
		() => {
			const before = total();
			expect(before).toMatch(/^total\t20\t20\t/);
			const r = cli(
				'roll',
				'import',
				'--estate',
				'e-binhai',
				'tests/fixtures/roll/errors.csv',
				'--json'
			);
			expect(r.code).toBe(2);
			const out = JSON.parse(r.stdout);
			expect(Object.keys(out)).toEqual(['units', 'owners', 'area', 'problems']);
			expect(out.problems).toHaveLength(12);
			for (const p of out.problems)
				expect(Object.keys(p)).toEqual(['line', 'column', 'code', 'message']);
			expect(out.problems[0]).toEqual({
				line: 2,
				column: '面积',
				code: 'area.invalid',
				message: '面积必须是大于 0、最多两位小数的数字（例如 89.50），填写的是「0」'
			});
			expect(total()).toBe(before);
		}
	);

	it('--dry-run previews only; without it the roll is imported', SLOW, () => {
		const good = 'tests/fixtures/roll/good.csv';
		const dry = cli('roll', 'import', '--estate', 'e-binhai', good, '--dry-run', '--json');
		expect(dry.code).toBe(0);
		expect(JSON.parse(dry.stdout)).toEqual({ units: 5, owners: 3, area: '362.25', problems: [] });
		expect(total()).toMatch(/^total\t20\t/);
		const text = cli('roll', 'import', '--estate', 'e-binhai', good, '--dry-run');
		expect(text.stdout).toContain('units\t5');
		expect(text.stdout).toContain('dry run');
		const r = cli('roll', 'import', '--estate', 'e-binhai', good, '--actor', 'staff2', '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ units: 5, owners: 3, area: '362.25', problems: [] });
		expect(total()).toBe('total\t5\t5\t3\t362.25');
	});

	it('an unknown estate is an error on stderr, exit 1', SLOW, () => {
		const r = cli('roll', 'import', '--estate', 'nope', 'tests/fixtures/roll/good.csv', '--json');
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('no estate with id nope');
	});
});
