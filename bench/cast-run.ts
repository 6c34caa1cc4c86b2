/** Process plumbing of bench/cast.ts: build check, the built server, the load child, CPU. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

function newest(dir: string): number {
	let t = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

/** Where the bench runs its server from: inside node_modules, so packages still resolve. */
const BUILD_COPY = 'node_modules/.cache/gongyi-bench-build';

/**
 * Runs `npm run build` when build/ is missing or older than any file under src/, then copies it
 * aside: other engineers rebuild build/ in this shared checkout while a bench runs.
 */
export function ensureBuild(): string {
	const built = existsSync('build/server.js') && existsSync('build/handler.js');
	if (!built || statSync('build/handler.js').mtimeMs < newest('src')) {
		console.log('build/ is stale: npm run build');
		const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
		if (r.status !== 0) throw new Error('npm run build failed');
	}
	rmSync(BUILD_COPY, { recursive: true, force: true });
	cpSync('build', BUILD_COPY, { recursive: true });
	return `${BUILD_COPY}/server.js`;
}

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

export interface Server {
	pid: number;
	stop(): Promise<void>;
}

/** The built server (`node build/server.js`, copied aside) on a loopback port against the bench database, pool 10. */
export async function startServer(
	entry: string,
	port: number,
	databaseUrl: string
): Promise<Server> {
	// BENCH_PROFILE=1 writes a V8 CPU profile per server run to BENCH_PROFILE_DIR (/tmp/gongyi-cast-prof; open in DevTools).
	const prof =
		process.env.BENCH_PROFILE === '1'
			? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? '/tmp/gongyi-cast-prof'}`]
			: [];
	const child: ChildProcess = spawn('node', [...prof, entry], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			DB_POOL: '10',
			GONGYI_BENCH: '1',
			GONGYI_DEMO: '',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
		createInterface({ input: child.stdout! }).on('line', (l) => {
			if (l.includes('listening')) resolve();
		});
	});
	child.removeAllListeners('exit');
	return {
		pid: child.pid!,
		stop: () =>
			new Promise((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** CPU seconds of one process (user + system) from /proc. */
function procCpu(pid: number): number {
	const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(f[11]) + Number(f[12])) / 100;
}
/** Busy and total jiffies of the whole box. */
function boxCpu(): { busy: number; total: number } {
	const f = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.slice(1)
		.map(Number);
	const total = f.reduce((a, b) => a + b, 0);
	return { busy: total - f[3] - f[4], total };
}

export interface LoadResult {
	requests: number;
	ok2xx: number;
	warm2xx: number;
	non2xx: number;
	errors: number;
	timeouts: number;
	seconds: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	nodeCpuPct: number;
	nodeMsPerRequest: number;
	boxBusyPct: number;
}

/** One warm-up + measured autocannon run in a child process; server CPU over the measured part. */
export async function loadRun(server: Server, cfg: Record<string, unknown>): Promise<LoadResult> {
	const child = spawn('node', ['bench/cast-load.mjs', JSON.stringify(cfg)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let start = { cpu: 0, box: boxCpu(), t: 0 };
	let result: LoadResult | null = null;
	let warm2xx = 0;
	const lines = createInterface({ input: child.stdout! });
	lines.on('line', (l) => {
		const msg = JSON.parse(l);
		if (msg.warm) {
			warm2xx = msg.ok2xx;
			start = { cpu: procCpu(server.pid), box: boxCpu(), t: Date.now() };
		} else {
			const cpu = procCpu(server.pid) - start.cpu;
			const box = boxCpu();
			const secs = (Date.now() - start.t) / 1000;
			result = {
				...msg,
				warm2xx,
				nodeCpuPct: (100 * cpu) / secs,
				nodeMsPerRequest: (1000 * cpu) / Math.max(1, msg.requests),
				boxBusyPct: (100 * (box.busy - start.box.busy)) / (box.total - start.box.total)
			};
		}
	});
	const code = await new Promise<number | null>((r) => child.once('exit', r));
	if (code !== 0 || !result) throw new Error(`load generator exited with ${code}`);
	return result;
}

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
