import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// The pure domain (counting, ledger, record verification) must run unchanged in the browser, where
// the verify page uses it. Debian's Chromium is used; no browser is downloaded.
export default defineConfig({
	test: {
		include: ['src/**/*.browser.test.ts'],
		testTimeout: 60_000,
		browser: {
			enabled: true,
			headless: true,
			provider: playwright({
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
			}),
			instances: [{ browser: 'chromium' }]
		}
	}
});
