import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MOD = '/usr/share/gocode/src/golang.org/x/mod';

/**
 * Builds check.go against Debian's golang.org/x/mod, offline (STACK.md: "An independent checker").
 * Throws when Go or the module is missing: the test must fail, never skip (.ci/run installs both).
 */
export function buildGoChecker(): string {
	if (!existsSync(MOD)) throw new Error(`${MOD} missing: apt-get install golang-golang-x-mod-dev`);
	const dir = mkdtempSync(join(tmpdir(), 'gongyi-gocheck-'));
	mkdirSync(join(dir, 'vendor/golang.org/x'), { recursive: true });
	cpSync(MOD, join(dir, 'vendor/golang.org/x/mod'), { recursive: true });
	cpSync(join(import.meta.dirname, 'check.go'), join(dir, 'main.go'));
	writeFileSync(
		join(dir, 'go.mod'),
		'module gongyicheck\n\ngo 1.17\n\nrequire golang.org/x/mod v0.7.0\n'
	);
	writeFileSync(
		join(dir, 'vendor/modules.txt'),
		'# golang.org/x/mod v0.7.0\n## explicit; go 1.17\ngolang.org/x/mod/sumdb/note\ngolang.org/x/mod/sumdb/tlog\n'
	);
	const env = {
		...process.env,
		GOFLAGS: '-mod=vendor',
		GOPROXY: 'off',
		GOCACHE: join(tmpdir(), 'gongyi-gocache'),
		GOPATH: join(dir, 'gopath')
	};
	execFileSync('go', ['build', '-o', 'check', '.'], { cwd: dir, env, stdio: 'pipe' });
	return join(dir, 'check');
}

export function runGoChecker<T>(binary: string, request: unknown): T {
	const out = execFileSync(binary, { input: JSON.stringify(request), encoding: 'utf8' });
	return JSON.parse(out) as T;
}
