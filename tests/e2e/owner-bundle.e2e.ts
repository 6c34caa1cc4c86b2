import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { expect, test, type Browser } from '@playwright/test';
import { logIn } from './helpers';

/**
 * DESIGN.md Targets: owner pages load under 100 KB of compressed JavaScript. Each owner page is
 * loaded cold in Chromium (a fresh context with the owner's session); every script it fetches
 * (entry, nodes, chunks, modulepreloads) plus its inline boot script is compressed as the built
 * server would send it (gzip level 9 and brotli, from build/client) and summed.
 */
const BUDGET = 100 * 1024;
const OPEN = 'a-jinse-2026-2';
/** Pages an owner reaches signed in, and those a person reaches before signing in. */
const PAGES = [
	'/owner',
	`/owner/assemblies/${OPEN}`,
	`/owner/assemblies/${OPEN}/vote`,
	`/owner/assemblies/${OPEN}/proxy`,
	'/owner/ballots',
	'/owner/roll',
	'/account/password',
	'/proxy'
];
const ANONYMOUS_PAGES = [
	'/',
	'/login',
	'/login/reset',
	'/register',
	'/register/self',
	'/proxy/register'
];

const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer) =>
	brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function scriptsOf(browser: Browser, path: string, state: object) {
	const context = await browser.newContext({ storageState: state as never });
	const page = await context.newPage();
	const urls = new Set<string>();
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname.endsWith('.js')) urls.add(u.pathname);
	});
	await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor();
	await page.waitForLoadState('networkidle');
	const inline = await page.$$eval('script:not([src])', (ss) => ss.map((s) => s.textContent ?? ''));
	await context.close();
	return { urls: [...urls], inline };
}

test('every owner page loads under 100 KB of compressed JavaScript', async ({ page, browser }) => {
	// Fifteen cold page loads, each waiting for the network to go quiet.
	test.setTimeout(120_000);
	await logIn(page, 'owner1');
	await expect(page).toHaveURL(/\/owner$/);
	const state = await page.context().storageState();
	const report: string[] = [];
	const visits = [
		...PAGES.map((path) => ({ path, state })),
		...ANONYMOUS_PAGES.map((path) => ({ path, state: {} }))
	];
	for (const { path, state } of visits) {
		const { urls, inline } = await scriptsOf(browser, path, state);
		// Scripts come from the build (hashed, immutable); anything else would be a surprise.
		expect(urls.length).toBeGreaterThan(0);
		expect(urls.every((u) => u.startsWith('/_app/'))).toBe(true);
		const files = urls.map((u) => readFileSync(`build/client${u}`));
		files.push(Buffer.from(inline.join('\n')));
		const raw = files.reduce((s, f) => s + f.length, 0);
		const gz = files.reduce((s, f) => s + gzip(f), 0);
		const br = files.reduce((s, f) => s + brotli(f), 0);
		report.push(
			`${path}: ${urls.length} scripts, ${(raw / 1024).toFixed(1)} KB raw, ` +
				`${(gz / 1024).toFixed(1)} KB gzip, ${(br / 1024).toFixed(1)} KB brotli`
		);
		expect(gz, `${path} loads ${gz} bytes of gzipped JavaScript`).toBeLessThan(BUDGET);
	}
	console.log(report.join('\n'));
});
