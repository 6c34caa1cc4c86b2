import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a CLI entry with its stdout reader closed before it writes, as `… | head` does. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stderr }));
	});
}

describe('CLI output piped into a reader that stops early', { timeout: 60_000 }, () => {
	it('the operator CLI exits 0 without an EPIPE error', async () => {
		const r = await runWithClosedStdout(['src/cli/index.ts', '--help']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
	});

	it('the verifier keeps its exit code and prints no EPIPE error', async () => {
		// A missing file is exit 2 with the report on stdout.
		const r = await runWithClosedStdout(['src/cli/verify.ts', 'no-such-record.json']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(2);
	});
});
