import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretFromEnv } from '../../src/lib/server/secrets';

describe('#20 keys can come from files', () => {
	it('VAR_FILE is read (first line, trimmed) and wins over VAR', () => {
		const dir = mkdtempSync(join(tmpdir(), 'h12-secret-'));
		const file = join(dir, 'key');
		writeFileSync(file, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
		expect(secretFromEnv('K', { K_FILE: file, K: 'cd'.repeat(32) })).toBe('ab'.repeat(32));
		expect(secretFromEnv('K', { K: 'cd'.repeat(32) })).toBe('cd'.repeat(32));
		expect(secretFromEnv('K', {})).toBeUndefined();
	});
});
