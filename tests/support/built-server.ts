import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A port the OS has just handed out, so parallel runs and other servers do not collide. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export interface BuiltServer {
	origin: string;
	stop(): Promise<void>;
}

/**
 * Starts the built app (`node build/server.js`, after `npm run build`) with the demo estate on a
 * fresh embedded database in a temporary directory, and waits until /health answers 200.
 */
export async function startBuiltServer(cwd = process.cwd()): Promise<BuiltServer> {
	const entry = join(cwd, 'build', 'server.js');
	if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'gongyi-http-'));
	const child: ChildProcess = spawn(process.execPath, [entry], {
		cwd,
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			GONGYI_DATA_DIR: dataDir,
			GONGYI_DEMO: '1',
			DATABASE_URL: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	const stop = async () => {
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`build/server.js exited with ${child.exitCode}:\n${output}`);
		}
		const ok = await fetch(`${origin}/health`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) return { origin, stop };
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`build/server.js did not answer /health within 180 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * One built server for the file: started before its tests, stopped after them. Returns a getter,
 * as the server exists only once the hook has run.
 */
export function useBuiltServer(): () => BuiltServer {
	let server: BuiltServer | undefined;
	beforeAll(async () => {
		server = await startBuiltServer();
	}, 240_000);
	afterAll(async () => {
		await server?.stop();
	});
	return () => {
		if (!server) throw new Error('the built server has not started');
		return server;
	};
}
