import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/audit.json';
import zh from '../i18n/locales/zh/audit.json';
import { AUDIT_ACTIONS } from './audit-view';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory()
			? files(p)
			: p.endsWith('.ts') && !p.endsWith('.test.ts')
				? [p]
				: [];
	});
}

const lookup = (messages: unknown, code: string) =>
	code
		.split('.')
		.reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);

describe('audit action names', () => {
	it('every action the server writes is in AUDIT_ACTIONS', () => {
		const written = new Set<string>();
		for (const f of files('src/lib/server')) {
			const text = readFileSync(f, 'utf8');
			for (const m of text.matchAll(/\baction: '([a-zA-Z]+\.[a-zA-Z.]+)'/g)) written.add(m[1]);
			for (const m of text.matchAll(/\baudit\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) written.add(m[1]);
			for (const m of text.matchAll(/action: '(meeting\.[a-zA-Z]+)', needsOpen/g))
				written.add(m[1]);
			for (const m of text.matchAll(/\? '(proxy\.[a-zA-Z]+)' : '(proxy\.[a-zA-Z]+)'/g))
				written.add(m[1]).add(m[2]);
		}
		expect(written.size).toBeGreaterThan(50);
		expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual(
			[]
		);
	});

	it('every action has a name in Chinese and in English', () => {
		for (const [name, messages] of [
			['zh', zh.actions],
			['en', en.actions]
		] as const) {
			const missing = AUDIT_ACTIONS.filter((a) => typeof lookup(messages, a) !== 'string');
			expect({ name, missing }).toEqual({ name, missing: [] });
		}
	});
});
