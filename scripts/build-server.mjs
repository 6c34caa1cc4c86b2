// Bundles src/server.ts and the roll reader's worker next to adapter-node's output; packages stay external.
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

// The worker thread that reads roll files (src/lib/server/roll/read-off-thread.ts).
await build({
	entryPoints: ['src/lib/server/roll/read-worker.ts'],
	outfile: 'build/roll-worker.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'warning'
});
