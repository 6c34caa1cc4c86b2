import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gongyi-verify-'));
const run = (cmd: string, args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', cmd, ...args], {
		encoding: 'utf8',
		timeout: 60_000
	});
const verify = (file: string) => {
	const r = run('src/cli/verify.ts', [file]);
	// Exactly one JSON object on stdout, nothing else.
	expect(r.stdout.trim().split('\n')).toHaveLength(1);
	return { code: r.status, report: JSON.parse(r.stdout) };
};

// The verifier's contract: docs/record-format.md § The verifier.
describe('npm run verify: report on stdout, exit 0 / 1 / 2', { timeout: 120_000 }, () => {
	// Every test reads this sample, written and checked here, never a file another test wrote.
	const good = join(dir, 'good.json');
	beforeAll(() => {
		const gen = run('scripts/record-sample.ts', [
			'--units',
			'30',
			'--ballots',
			'50',
			'--seed',
			'cli'
		]);
		expect(gen.stderr).toBe('');
		expect(gen.status).toBe(0);
		writeFileSync(good, gen.stdout);
	}, 120_000);
	it('record:sample writes a record the verifier accepts: exit 0', () => {
		const { code, report } = verify(good);
		expect(report).toMatchObject({ ok: true, errors: [] });
		expect(report.result.head.seq).toBe(51);
		expect(code).toBe(0);
	});
	it('an inconsistent record: exit 1 with the chain error', () => {
		const record = JSON.parse(readFileSync(good, 'utf8'));
		record.ledger[3].at = '2026-11-22T09:00:00.001Z';
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, JSON.stringify(record));
		const { code, report } = verify(bad);
		expect(code).toBe(1);
		expect(report.errors).toContainEqual(expect.objectContaining({ code: 'chain.hash', seq: 3 }));
	});
	it.each([
		['a missing file', 'missing.json', null],
		['not JSON', 'text.json', '{ "format": '],
		['another format', 'other.json', '{"format":"other/1"}']
	])('%s: exit 2 with a format error', (_, name, content) => {
		const file = join(dir, name);
		if (content !== null) writeFileSync(file, content);
		const { code, report } = verify(file);
		expect(code).toBe(2);
		expect(report).toMatchObject({ ok: false, result: null, errors: [{ code: 'format' }] });
	});
});
