import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

/**
 * The port of the throw-away server: E2E_PORT when given (it must be free), else a free port chosen
 * once here. The choice is put into the environment so Playwright's workers, which load this file
 * again, use the same port.
 */
function e2ePort(): number {
	const asked = process.env.E2E_PORT;
	if (asked && !/^\d{1,5}$/.test(asked))
		throw new Error(`E2E_PORT must be a port number, not "${asked}"`);
	// Workers load this file again while the server runs: the port was checked by the runner.
	if (asked && process.env.E2E_PORT_CHECKED === asked) return Number(asked);
	// Listening is the only sure test of a free port; a child process keeps this file synchronous.
	const probe = execFileSync(
		process.execPath,
		[
			'-e',
			`const s = require('net').createServer();
			s.on('error', () => process.stdout.write('busy'));
			s.listen(${asked ?? 0}, () => { process.stdout.write(String(s.address().port)); s.close(); });`
		],
		{ encoding: 'utf8' }
	);
	if (probe === 'busy')
		throw new Error(
			`E2E_PORT ${asked} is in use by another program: stop it, or leave E2E_PORT unset to use a free port.`
		);
	process.env.E2E_PORT = probe;
	process.env.E2E_PORT_CHECKED = probe;
	return Number(probe);
}

const PORT = e2ePort();

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.PW_JSON
		? [['list'], ['json', { outputFile: process.env.PW_JSON }]]
		: 'list',
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [
		{
			name: 'phone',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 390, height: 844 },
				isMobile: false,
				hasTouch: true
			}
		}
	],
	webServer: {
		// The built app on a throw-away embedded database with the demo seed.
		command: `rm -rf .e2e-data-${PORT} && node build/server.js`,
		url: `http://localhost:${PORT}/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(PORT),
			GONGYI_DATA_DIR: `.e2e-data-${PORT}`,
			GONGYI_DEMO: '1',
			// A receipt is checked against a checkpoint that covers it: sign them often.
			GONGYI_CHECKPOINT_SECONDS: '5',
			DATABASE_URL: '',
			ORIGIN: `http://localhost:${PORT}`
		}
	}
});
