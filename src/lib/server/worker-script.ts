import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** What a worker thread runs: a bundled file, or code that loads a TypeScript source. */
export type WorkerScript = { url: URL } | { code: string };

/**
 * A worker's script: the bundled file that `builtEnv` names when it exists (production: server.ts
 * sets it), else the TypeScript `source` through tsx's loader (development, tests, the CLI); null
 * when neither is there, and the caller does the work in its own thread.
 */
export function workerScript(source: URL, builtEnv?: string): WorkerScript | null {
	const built = builtEnv ? process.env[builtEnv] : undefined;
	if (built && existsSync(built)) return { url: pathToFileURL(built) };
	if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
	const href = JSON.stringify(source.href);
	return {
		code: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${href}); });`
	};
}

/** Starts `script` in a worker thread. */
export function startWorker(script: WorkerScript, options: WorkerOptions = {}): Worker {
	return 'url' in script
		? new Worker(script.url, options)
		: new Worker(script.code, { ...options, eval: true });
}

/** Two scripts are alike when they load the same file or the same code. */
export const scriptKey = (script: WorkerScript) =>
	'url' in script ? script.url.href : script.code;
