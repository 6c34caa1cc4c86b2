/**
 * `npm run bench -- fcp`: first contentful paint of owner pages on Lighthouse's phone profile
 * (Moto G Power class screen, simulated slow 4G and 4x CPU slowdown), in Chromium. Starts the
 * built server (demo data, a throw-away data directory) on BENCH_PORT (3100), logs in as the demo
 * owner with Playwright for a session cookie, then runs Lighthouse 12 per page (median of
 * BENCH_ROUNDS, 3). Results: bench/results/fcp.json. CHROME_PATH defaults to /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const PORT = Number(process.env.BENCH_PORT ?? 3100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASE = `http://localhost:${PORT}`;
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const PAGES = ['/login', '/owner', '/owner/assemblies/a-jinse-2026-2/vote', '/owner/ballots'];

const dataDir = `/tmp/gongyi-fcp-${PORT}`;
rmSync(dataDir, { recursive: true, force: true });
const server = spawn('node', ['build/server.js'], {
	env: {
		...process.env,
		PORT: String(PORT),
		ORIGIN: BASE,
		GONGYI_DATA_DIR: dataDir,
		GONGYI_DEMO: '1',
		DATABASE_URL: ''
	},
	stdio: ['ignore', 'pipe', 'inherit']
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
	for (let i = 0; ; i++) {
		if (i > 120) throw new Error('server did not start');
		if (
			await fetch(`${BASE}/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		await new Promise((r) => setTimeout(r, 500));
	}
	// A session cookie of the demo owner, from a real login.
	const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS.slice(1) });
	const page = await browser.newPage();
	await page.goto(`${BASE}/login`);
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('账号').fill('owner1');
	await page.getByLabel('密码').fill('gongyi2026');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await page.waitForURL(/\/owner$/);
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	await browser.close();

	const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
	const results: Record<string, { fcp_ms: number; lcp_ms: number; tbt_ms: number }> = {};
	try {
		for (const path of PAGES) {
			const runs: { fcp: number; lcp: number; tbt: number }[] = [];
			for (let r = 0; r < ROUNDS; r++) {
				const out = await lighthouse(
					`${BASE}${path}`,
					{
						port: chrome.port,
						onlyCategories: ['performance'],
						extraHeaders: path === '/login' ? {} : { Cookie: cookie },
						logLevel: 'error'
					}
					// default config: mobile form factor, simulated throttling (slow 4G, 4x CPU)
				);
				const a = out!.lhr.audits;
				if (out!.lhr.finalDisplayedUrl.includes('/login') && path !== '/login')
					throw new Error(`${path} redirected to the login page`);
				runs.push({
					fcp: a['first-contentful-paint'].numericValue!,
					lcp: a['largest-contentful-paint'].numericValue!,
					tbt: a['total-blocking-time'].numericValue!
				});
			}
			results[path] = {
				fcp_ms: Math.round(median(runs.map((x) => x.fcp))),
				lcp_ms: Math.round(median(runs.map((x) => x.lcp))),
				tbt_ms: Math.round(median(runs.map((x) => x.tbt)))
			};
			console.log(
				`${path.padEnd(40)} FCP ${results[path].fcp_ms} ms  LCP ${results[path].lcp_ms} ms  TBT ${results[path].tbt_ms} ms`
			);
		}
	} finally {
		await chrome.kill();
	}
	const figures: Record<string, number> = {};
	for (const [path, r] of Object.entries(results)) {
		const k = path
			.replace(/^\//, '')
			.replace(/\/a-jinse-2026-2/, '')
			.replace(/\//g, '_');
		figures[`fcp_${k}_ms`] = r.fcp_ms;
	}
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		'bench/results/fcp.json',
		JSON.stringify(
			{
				name: 'fcp',
				profile: 'Lighthouse 12.2.3 mobile, simulated throttling (slow 4G, 4x CPU slowdown)',
				pages: results,
				figures,
				ceiling: {}
			},
			null,
			2
		) + '\n'
	);
} finally {
	server.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
}
