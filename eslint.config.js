import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'.e2e-data*/',
			'drizzle/',
			'test-results/',
			'playwright-report/',
			'bench/results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			'@typescript-eslint/no-explicit-any': 'warn',
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// The domain is pure: it runs in the browser (the verify page) and in the CLI verifier alike.
		files: ['src/lib/domain/**/*.ts'],
		ignores: ['src/lib/domain/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['node:*'],
							message: 'The domain has no I/O: pass data in from src/lib/server.'
						},
						{
							group: [
								'$lib/server/*',
								'**/server/**',
								'$app/*',
								'@sveltejs/*',
								'svelte',
								'svelte/*'
							],
							message: 'The domain does not depend on the framework or the server.'
						},
						{
							group: [
								'fs',
								'path',
								'crypto',
								'http',
								'net',
								'child_process',
								'postgres',
								'drizzle-orm',
								'drizzle-orm/*',
								'@electric-sql/*',
								'socket.io',
								'pdf-lib'
							],
							message: 'The domain has no I/O.'
						},
						{
							group: ['$lib/i18n', '$lib/i18n/*', '**/i18n/**'],
							message:
								'The domain returns codes, not wording: messages belong to src/lib/i18n and the routes.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'process', message: 'The domain runs in the browser too: pass settings in.' },
				{ name: 'Buffer', message: 'The domain runs in the browser too: use Uint8Array.' }
			]
		}
	},
	{
		// Routes are thin: they call use cases in src/lib/server, which own the queries.
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		ignores: ['src/routes/health/**', 'src/routes/api/bench/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server/db/*', '!$lib/server/db/client', 'drizzle-orm', 'drizzle-orm/*'],
							message: 'Routes call a use case in src/lib/server; queries live there.'
						}
					]
				}
			]
		}
	},
	{
		// The server renders no components: it hands data to the routes.
		files: ['src/lib/server/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/components', '$lib/components/*', '**/components/**'],
							message: 'src/lib/server returns data; components belong to the routes.'
						}
					]
				}
			]
		}
	}
);
