// Runs every suite — static checks, unit, integration (PGlite, and PostgreSQL when DATABASE_URL is
// set), domain-in-the-browser, build, and browser end-to-end — and closes with one line
// "N passed, N failed" over all of them. Exits non-zero on any failure.
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
		failed: j.numFailedTests + (j.success ? 0 : j.numFailedTests ? 0 : 1),
		skipped: j.numPendingTests + j.numTodoTests
	};
}

function playwrightCounts(file) {
	if (!existsSync(file)) return null;
	const s = JSON.parse(readFileSync(file, 'utf8')).stats;
	return {
		passed: s.expected + s.flaky,
		failed: s.unexpected + (s.expected + s.unexpected === 0 ? 1 : 0),
		skipped: s.skipped
	};
}

function suite(name, fn) {
	if (only.length && !only.includes(name)) return;
	console.log(`\n=== ${name} ===`);
	const started = Date.now();
	const c = fn();
	for (const k of Object.keys(totals)) totals[k] += c[k] ?? 0;
	rows.push(
		`${name.padEnd(10)} ${String(c.passed).padStart(5)} passed ${String(c.failed).padStart(4)} failed  ${((Date.now() - started) / 1000).toFixed(0)} s`
	);
}

const check = (ok) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

suite('lint', () =>
	check(
		run('npx', ['eslint', '.']) && run('npx', ['prettier', '--check', '.', '--log-level', 'warn'])
	)
);
suite('types', () => check(run('npm', ['run', '--silent', 'check'])));
suite('vitest', () => {
	const ok = run('npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${out}/vitest.json`
	]);
	const c = vitestCounts(`${out}/vitest.json`) ?? { passed: 0, failed: 1 };
	if (!ok && c.failed === 0) c.failed = 1;
	return c;
});
suite('browser', () => {
	const ok = run('npx', [
		'vitest',
		'run',
		'--config',
		'vitest.browser.config.ts',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${out}/browser.json`
	]);
	const c = vitestCounts(`${out}/browser.json`) ?? { passed: 0, failed: 1 };
	if (!ok && c.failed === 0) c.failed = 1;
	return c;
});
suite('e2e', () => {
	if (!run('npm', ['run', '--silent', 'build'])) return { passed: 0, failed: 1 };
	const ok = run('npx', ['playwright', 'test'], { PW_JSON: `${out}/e2e.json` });
	const c = playwrightCounts(`${out}/e2e.json`) ?? { passed: 0, failed: 1 };
	if (!ok && c.failed === 0) c.failed = 1;
	return { ...c, passed: c.passed + 1 };
});

console.log('\n' + rows.join('\n'));
console.log(
	`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`
);
process.exit(totals.failed > 0 ? 1 : 0);
