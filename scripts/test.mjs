// Runs every suite — static checks, unit, integration (PGlite, and PostgreSQL when DATABASE_URL is
// set), domain-in-the-browser, build, HTTP against the built server, and browser end-to-end. Static
// checks and the build are reported on their own lines; the closing line "N passed, N failed"
// counts test cases only. Exits non-zero when any test case or check fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results/json';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function run(cmd, args, env = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status === 0;
}

function vitestCounts(file) {
	if (!existsSync(file)) return null;
	const j = JSON.parse(readFileSync(file, 'utf8'));
	return {
		passed: j.numPassedTests,
		failed: j.numFailedTests,
		skipped: j.numPendingTests + j.numTodoTests
	};
}

function playwrightCounts(file) {
	if (!existsSync(file)) return null;
	const s = JSON.parse(readFileSync(file, 'utf8')).stats;
	return {
		passed: s.expected + s.flaky,
		failed: s.unexpected,
		skipped: s.skipped
	};
}

const checks = [];

// A static check or build step: reported on its own line, fails the run, never counted as a test.
function step(name, fn) {
	if (only.length && !only.includes(name)) return true;
	console.log(`\n=== ${name} ===`);
	const started = Date.now();
	const ok = fn();
	checks.push({ name, ok, seconds: (Date.now() - started) / 1000 });
	return ok;
}

// A test suite: its test cases count towards the closing line; a runner that fails without a failed
// test case (a crash, a file that does not load) is reported as a failed check, not as a test.
function suite(name, fn) {
	if (only.length && !only.includes(name)) return;
	console.log(`\n=== ${name} ===`);
	const started = Date.now();
	const { ok, counts } = fn();
	const c = counts ?? { passed: 0, failed: 0, skipped: 0 };
	for (const k of Object.keys(totals)) totals[k] += c[k] ?? 0;
	const seconds = (Date.now() - started) / 1000;
	rows.push(
		`${name.padEnd(10)} ${String(c.passed).padStart(5)} passed ${String(c.failed).padStart(4)} failed  ${seconds.toFixed(0)} s`
	);
	if (!ok && c.failed === 0) checks.push({ name: `${name} runner`, ok: false, seconds });
	if (c.passed + c.failed === 0) checks.push({ name: `${name} ran no test`, ok: false, seconds });
}

step(
	'lint',
	() =>
		run('npx', ['eslint', '.']) && run('npx', ['prettier', '--check', '.', '--log-level', 'warn'])
);
step('types', () => run('npm', ['run', '--silent', 'check']));
suite('vitest', () => ({
	ok: run('npx', [
		'vitest',
		'run',
		...['unit', 'int', 'security'].flatMap((p) => ['--project', p]),
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${out}/vitest.json`
	]),
	counts: vitestCounts(`${out}/vitest.json`)
}));
suite('browser', () => ({
	ok: run('npx', [
		'vitest',
		'run',
		'--config',
		'vitest.browser.config.ts',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${out}/browser.json`
	]),
	counts: vitestCounts(`${out}/browser.json`)
}));
if (step('build', () => run('npm', ['run', '--silent', 'build']))) {
	// Tests through real HTTP against the built server (tests/http).
	suite('http', () => ({
		ok: run('npx', [
			'vitest',
			'run',
			'--project',
			'http',
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${out}/http.json`
		]),
		counts: vitestCounts(`${out}/http.json`)
	}));
	suite('e2e', () => ({
		ok: run('npx', ['playwright', 'test'], { PW_JSON: `${out}/e2e.json` }),
		counts: playwrightCounts(`${out}/e2e.json`)
	}));
}

const engines = process.env.DATABASE_URL
	? 'PGlite and PostgreSQL (DATABASE_URL)'
	: 'PGlite only (set DATABASE_URL to add PostgreSQL)';
console.log('\n' + rows.join('\n'));
for (const c of checks)
	console.log(`check ${c.name}: ${c.ok ? 'ok' : 'FAILED'} (${c.seconds.toFixed(0)} s)`);
console.log(`integration engines: ${engines}`);
console.log(
	`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`
);
process.exit(totals.failed > 0 || checks.some((c) => !c.ok) ? 1 : 0);
