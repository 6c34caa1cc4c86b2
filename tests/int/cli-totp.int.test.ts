import { execFileSync, spawnSync } from 'node:child_process';
import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';

const SECRET = 'GONGYIDEMOTOTPSECRETJINSEJIAYUAN';

describe('cli totp-code', () => {
	it('prints the current code of a base32 secret, and only that', () => {
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', 'src/cli/index.ts', 'totp-code', SECRET],
			{
				encoding: 'utf8'
			}
		);
		const totp = new TOTP({ secret: SECRET });
		const now = Date.now();
		const around = [-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: now + d }));
		expect(out).toMatch(/^\d{6}\n$/);
		expect(around).toContain(out.trim());
	});
	it('refuses a secret that is not base32, on stderr with exit 1', () => {
		const r = spawnSync(
			process.execPath,
			['--import', 'tsx', 'src/cli/index.ts', 'totp-code', 'not base32!'],
			{
				encoding: 'utf8'
			}
		);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('base32');
	});
});
