// `npx tsx bench/live.ts`: live turnout under load. A Socket.IO server wired as in production
// (attachRealtime + startLiveTurnout on PGlite, or DATABASE_URL) on a loopback port; 5,000
// websocket clients in two child processes join one open assembly's room; ballots are committed
// with castBallot and each client's delay from commit to the update covering that ballot is
// measured. Ceiling: a bare io.to(room).emit of a same-size payload to the same clients.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { castBallot } from '../src/lib/server/ballots/cast';
import { openDatabase } from '../src/lib/server/db/client';
import { assemblyVoter, owner } from '../src/lib/server/db/schema';
import { openAssembly } from '../src/lib/server/ledger/lifecycle';
import { attachRealtime, realtimeAdapterReady } from '../src/lib/server/realtime/attach';
import { registerSocketAuth } from '../src/lib/server/realtime/auth';
import { startLiveTurnout } from '../src/lib/server/realtime/live';
import { liveSnapshot } from '../src/lib/server/live/state';
import { announcedAssembly } from '../tests/int/ledger-fixture';

// BENCH_LIVE_2PROC=1 (bench live-2proc): the clients sit on a second app node (bench/live-node.ts)
// and every update and bare broadcast crosses Redis (REDIS_URL, default 127.0.0.1:6379; key
// GONGYI_REDIS_KEY); needs DATABASE_URL, as PGlite is one process.
const TWO = process.env.BENCH_LIVE_2PROC === '1';
if (TWO) {
	if (!process.env.DATABASE_URL) throw new Error('bench live-2proc needs DATABASE_URL');
	process.env.REDIS_URL ||= 'redis://127.0.0.1:6379';
	process.env.GONGYI_REDIS_KEY ||= `gongyi-bench-live-${process.pid}`;
}
const CLIENTS = 5_000;
const CHILDREN = 2;
const BALLOTS = 300;
const BALLOTS_PER_TICK = 5;
const TICK_MS = 50;
const BARE_ROUNDS = 40;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
setTimeout(() => {
	console.error('bench live: hard time limit reached');
	process.exit(1);
}, 600_000).unref();

const { db, close } = await openDatabase({
	url: process.env.DATABASE_URL || undefined,
	dataDir: 'memory://'
});
const a = await announcedAssembly(db, { id: `bench-live-${Date.now()}` });
const opened = await openAssembly(db, a.id, a.staffId);
if (!opened.ok) throw new Error(JSON.stringify(opened));
const voters = await db
	.select({ id: owner.id })
	.from(assemblyVoter)
	.innerJoin(owner, eq(owner.id, assemblyVoter.ownerId))
	.where(sql`${assemblyVoter.assemblyId} = ${a.id}`);

const http = createServer();
const io = attachRealtime(http);
await realtimeAdapterReady();
registerSocketAuth(db);
// BENCH_LIVE_INTERVAL=<ms> tries another coalescing interval than the production default.
const stopLive = startLiveTurnout(io, db, Number(process.env.BENCH_LIVE_INTERVAL) || undefined);
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
let url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
let node: ChildProcess | null = null;
if (TWO) {
	node = fork('bench/live-node.ts', [], { execArgv: ['--import', 'tsx'] });
	const m = await new Promise<{ port: number }>((resolve, reject) => {
		node!.once('message', resolve);
		node!.once('exit', (code) => reject(new Error(`second node exited with ${code}`)));
	});
	url = `http://127.0.0.1:${m.port}`;
}

const children: ChildProcess[] = [];
const messages = (c: ChildProcess, cmd: string) =>
	new Promise<Record<string, unknown>>((resolve, reject) => {
		const onMsg = (m: Record<string, unknown>) => {
			if (m.cmd !== cmd) return;
			c.off('message', onMsg);
			resolve(m);
		};
		c.on('message', onMsg);
		c.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
	});
const t0 = now();
for (let i = 0; i < CHILDREN; i++) {
	children.push(
		fork('bench/live-clients.ts', [url, String(CLIENTS / CHILDREN), a.id], {
			execArgv: ['--import', 'tsx']
		})
	);
}
await Promise.all(children.map((c) => messages(c, 'ready')));
console.log(`${CLIENTS} clients joined in ${((now() - t0) / 1000).toFixed(1)} s`);

// Ballots at a steady pace (revotes once everyone voted); commit time = castBallot's answer.
const commits: [number, number][] = [];
const tBallots = now();
const pending: Promise<void>[] = [];
for (let i = 0; i < BALLOTS; i += BALLOTS_PER_TICK) {
	for (let j = i; j < Math.min(BALLOTS, i + BALLOTS_PER_TICK); j++) {
		const ownerId = voters[j % voters.length].id;
		const choices = { r1: j % 3 ? 'for' : 'against', r2: 'for', e1: ['c1'] };
		pending.push(
			castBallot(db, { assemblyId: a.id, ownerId, accountId: 'bench', choices }).then((r) => {
				if (!r.ok) throw new Error(JSON.stringify(r));
				commits.push([r.receipt.seq, now()]);
			})
		);
	}
	await sleep(TICK_MS);
}
await Promise.all(pending);
const ballotSeconds = (now() - tBallots) / 1000;
// the last coalesced update (across Redis, a busy second node may lag more)
await sleep(TWO ? 8_000 : 2_000);

// Ceiling: bare broadcasts of the same size to the same room, nothing computed.
const room = `assembly:${a.id}`;
const snap = (await liveSnapshot(db, a.id))!;
const payloadBytes = JSON.stringify({ turnout: snap.turnout, tallies: null }).length;
const sent: [number, number][] = [];
for (let id = 0; id < BARE_ROUNDS; id++) {
	const pad = 'x'.repeat(Math.max(0, payloadBytes - JSON.stringify({ id, pad: '' }).length));
	sent.push([id, now()]);
	io.to(room).emit('bench:bare', { id, pad });
	await sleep(100);
}
await sleep(TWO ? 8_000 : 2_000);

const results = await Promise.all(
	children.map((c) => {
		const p = messages(c, 'results');
		c.send({ cmd: 'results', commits, sent });
		return p;
	})
);
const merge = (k: 'live' | 'bare') =>
	(results.map((r) => r[k]) as number[][]).reduce((s, h) => s.map((v, i) => v + h[i]));
function p95(h: number[]): number {
	const total = h.reduce((s, v) => s + v, 0);
	let seen = 0;
	for (let i = 0; i < h.length; i++) if ((seen += h[i]) >= total * 0.95) return i;
	return h.length - 1;
}
const live = merge('live');
const bare = merge('bare');
const missed = live.at(-1)!;
const name = TWO ? 'live-2proc' : 'live';
const figures = TWO
	? { live_2proc_p95_ms: p95(live), live_2proc_missed: missed }
	: { live_p95_ms: p95(live), live_missed: missed };
const ceiling = TWO ? { broadcast_2proc_p95_ms: p95(bare) } : { broadcast_p95_ms: p95(bare) };
console.log(
	`${CLIENTS} clients, ${commits.length} ballots at ${(BALLOTS_PER_TICK * 1000) / TICK_MS}/s; ` +
		`committed in ${ballotSeconds.toFixed(1)} s; updates per client ${(results[0].updates as number).toFixed(1)}; ` +
		`live payload ${results[0].payloadBytes} bytes (bare ${payloadBytes})`
);
console.log({ figures, ceiling });
mkdirSync('bench/results', { recursive: true });
writeFileSync(
	`bench/results/${name}.json`,
	JSON.stringify({ name, clients: CLIENTS, ballots: BALLOTS, figures, ceiling }, null, 2) + '\n'
);

for (const c of children) c.send({ cmd: 'exit' });
await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
if (node) {
	node.send({ cmd: 'exit' });
	await new Promise((r) => node!.once('exit', r));
}
stopLive();
io.close();
await close();
process.exit(0);
