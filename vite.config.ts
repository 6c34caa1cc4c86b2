import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevPlugin } from './src/lib/server/realtime/vite-plugin';

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), realtimeDevPlugin()],
	server: { port: 3000 },
	test: {
		// Vitest's default (one worker less than the cores) is one worker on a 2-core machine.
		// Integration files each migrate databases of their own (tests/int/engines.ts) and wait on
		// PostgreSQL much of the time: two at once took the suite from about 580 s to 380 s there.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.browser.test.ts'],
					environment: 'node',
					// A guard against hangs, not a speed check: PDF and font tests share two cores with
					// the other files and took over 5 s on a busy machine.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'int',
					include: ['tests/int/**/*.int.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				// Through real HTTP against the built server: run after `npm run build`.
				extends: true,
				test: {
					name: 'http',
					include: ['tests/http/**/*.http.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 240_000
				}
			},
			{
				extends: true,
				test: {
					name: 'security',
					include: ['tests/security/**/*.sec.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
