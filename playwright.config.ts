import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);

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
			DATABASE_URL: '',
			ORIGIN: `http://localhost:${PORT}`
		}
	}
});
