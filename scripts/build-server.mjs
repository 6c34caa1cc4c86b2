// Bundles src/server.ts next to adapter-node's output; packages stay external.
import { build } from 'esbuild';

await build({
	entryPoints: ['src/server.ts'],
	outfile: 'build/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	external: ['./handler.js'],
	logLevel: 'warning'
});
