import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A newcomer's first steps: `git clone`, `npm install`, then the CLI and the verifier. The clone
// has no .svelte-kit (it is not committed); `npm install` ends with the `prepare` script (svelte-kit
// sync), which the CLI's `$lib` paths need. To spare a network install, the clone links this
// checkout's node_modules and runs that script as npm install would.
const SLOW = { timeout: 300_000 };

let dir: string;
let clone: string;
const npm = (...args: string[]) => {
	const r = spawnSync('npm', args, {
		cwd: clone,
		encoding: 'utf8',
		timeout: 300_000,
		env: { ...process.env, GONGYI_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('a fresh clone after npm install', () => {
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'gongyi-clone-'));
		clone = join(dir, 'gongyi');
		const git = spawnSync('git', ['clone', '--quiet', '--no-local', resolve('.'), clone], {
			encoding: 'utf8'
		});
		expect(git.stderr).toBe('');
		expect(git.status).toBe(0);
		expect(existsSync(join(clone, '.svelte-kit'))).toBe(false);
		symlinkSync(resolve('node_modules'), join(clone, 'node_modules'), 'dir');
		const prepare = npm('run', '--silent', 'prepare');
		expect(prepare.code).toBe(0);
		expect(existsSync(join(clone, '.svelte-kit', 'tsconfig.json'))).toBe(true);
	}, 300_000);
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('npm run --silent cli -- estates works on a new database: exit 0, no error', SLOW, () => {
		const r = npm('run', '--silent', 'cli', '--', 'estates');
		expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
		expect(r.code).toBe(0);
		// A new database has no estates yet: nothing but the migrations ran.
		expect(r.stdout).toBe('');
	});

	it('npm run verify accepts a sample record made there (exit 0, one JSON report)', SLOW, () => {
		// The verifier's exit codes and errors are src/cli/verify.test.ts's; this is that it starts.
		const sample = npm('run', '--silent', 'record:sample', '--', '--units', '8', '--ballots', '6');
		expect(sample.code).toBe(0);
		const good = join(dir, 'record.json');
		writeFileSync(good, sample.stdout);
		const ok = npm('run', '--silent', 'verify', '--', good);
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, errors: [] });
	});
});
