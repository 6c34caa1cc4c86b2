/**
 * Casting over HTTP (DESIGN.md Targets: ballots/s >= a plain insert through the same HTTP path in
 * the same run; >= 1,500 ballots/s with p95 <= 60 ms on one 2-core node against PostgreSQL).
 * Method of shared/research/cast-ceilings.md: a fresh database, the BUILT server (`node
 * build/server.js`, pool 10) restarted for every run, autocannon in its own process, 50
 * connections, a warm-up then the measured run, scenarios interleaved over rounds, CHECKPOINT
 * before each run; medians over the rounds. Afterwards the chain must be contiguous and the
 * exported record must verify.
 * Run: DATABASE_URL=postgres://… npx tsx bench/cast.ts   (builds first when build/ is stale)
 * Knobs: BENCH_ROUNDS (3), BENCH_SECONDS (15), BENCH_WARMUP (3), BENCH_CONNECTIONS (50),
 * BENCH_PROFILE=1 (V8 CPU profile per server run), BENCH_SERVER_ENTRY, BENCH_SCENARIOS
 * (plain,cast,cast2: cast2 = two app processes on the one database, one port and load generator
 * each), BENCH_ASSEMBLIES (open assemblies the ballots spread over, 1), BENCH_RESULT (file name).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { count, eq, max, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { verifyRecord } from '../src/lib/domain/record/verify';
import { openDatabase } from '../src/lib/server/db/client';
import { ledgerEntry } from '../src/lib/server/db/schema';
import { closeAssembly } from '../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../src/lib/server/ledger/record';
import { CHOICES, seedCastBench } from './cast-seed';
import {
	ensureBuild,
	freePort,
	loadRun,
	median,
	startServer,
	type LoadResult,
	type Server
} from './cast-run';

const base = process.env.DATABASE_URL;
if (!base) {
	console.error('bench cast needs DATABASE_URL (PostgreSQL)');
	process.exit(1);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
type Scenario = 'plain' | 'cast' | 'cast2';
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'plain,cast,cast2').split(',') as Scenario[];
const SPREAD = Number(process.env.BENCH_ASSEMBLIES ?? 1);
const RESULT = process.env.BENCH_RESULT ?? 'cast';

/** Two load generators against two processes at once: their sums, the worse latencies. */
function combine(parts: LoadResult[]): LoadResult {
	if (parts.length === 1) return parts[0];
	const sum = (k: keyof LoadResult) => parts.reduce((s, p) => s + p[k], 0);
	const worst = (k: keyof LoadResult) => Math.max(...parts.map((p) => p[k]));
	return {
		requests: sum('requests'),
		ok2xx: sum('ok2xx'),
		warm2xx: sum('warm2xx'),
		non2xx: sum('non2xx'),
		errors: sum('errors'),
		timeouts: sum('timeouts'),
		seconds: worst('seconds'),
		perSecond: sum('perSecond'),
		p50: worst('p50'),
		p95: worst('p95'),
		p99: worst('p99'),
		nodeCpuPct: sum('nodeCpuPct'),
		nodeMsPerRequest: (sum('nodeCpuPct') / 100 / Math.max(1, sum('perSecond'))) * 1000,
		boxBusyPct: worst('boxBusyPct')
	};
}

// BENCH_SERVER_ENTRY runs another server entry as is (e.g. an experimental build) instead.
const entry = process.env.BENCH_SERVER_ENTRY || ensureBuild();
const name = `${process.env.BENCH_DB_PREFIX ?? 'gongyi_bench'}_${Math.random().toString(36).slice(2, 10)}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = await openDatabase({ url: url.toString() });
let failed = false;
try {
	// Each chained run gets assemblies of its own: SPREAD open assemblies, requests round robin.
	const chained = SCENARIOS.filter((x) => x !== 'plain');
	const { tokens, assemblies, staffId } = await seedCastBench(db, ROUNDS * chained.length * SPREAD);
	const assembliesOf = (scenario: Scenario, round: number) => {
		const k = (round - 1) * chained.length + chained.indexOf(scenario);
		return assemblies.slice(k * SPREAD, (k + 1) * SPREAD);
	};
	const runs: Record<Scenario, LoadResult[]> = { plain: [], cast: [], cast2: [] };
	const chains: { ids: string[]; acknowledged: number }[] = [];
	for (let round = 1; round <= ROUNDS; round++) {
		for (const scenario of SCENARIOS) {
			if (scenario === 'plain') await db.execute(sql`truncate bench_plain_ballot`);
			await admin.unsafe('checkpoint');
			const ids = scenario === 'plain' ? [] : assembliesOf(scenario, round);
			const paths =
				scenario === 'plain'
					? ['/api/bench/plain-insert']
					: ids.map((id) => `/api/assemblies/${id}/ballots`);
			// cast2: two app processes on the one database, one port and one load generator each,
			// the connections split between them.
			const procs = scenario === 'cast2' ? 2 : 1;
			const servers: Server[] = [];
			try {
				const ports: number[] = [];
				for (let i = 0; i < procs; i++) {
					const port = await freePort();
					ports.push(port);
					servers.push(await startServer(entry, port, url.toString()));
				}
				const parts = await Promise.all(
					servers.map((server, i) =>
						loadRun(server, {
							url: `http://127.0.0.1:${ports[i]}`,
							origin: `http://127.0.0.1:${ports[i]}`,
							paths,
							tokens,
							choices: CHOICES,
							connections: Math.round(CONNECTIONS / procs),
							duration: SECONDS,
							warmup: WARMUP
						})
					)
				);
				const r = combine(parts);
				runs[scenario].push(r);
				if (scenario !== 'plain') chains.push({ ids, acknowledged: r.ok2xx + r.warm2xx });
				console.log(
					`round ${round} ${scenario.padEnd(5)} ${r.perSecond.toFixed(0).padStart(6)}/s  ` +
						`p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} p99 ${r.p99.toFixed(1)} ms  ` +
						`2xx ${r.ok2xx}/${r.requests} non2xx ${r.non2xx} errors ${r.errors} timeouts ${r.timeouts}  ` +
						`node ${r.nodeCpuPct.toFixed(0)}% of a core (${r.nodeMsPerRequest.toFixed(2)} ms/req), box ${r.boxBusyPct.toFixed(0)}% busy`
				);
				if (r.non2xx || r.errors || r.timeouts) failed = true;
			} finally {
				for (const server of servers) await server.stop();
			}
		}
	}

	// Each run's chains: contiguous, every acknowledged ballot in one, closed, and the records verify.
	for (const { ids, acknowledged } of chains) {
		let rows = 0;
		let ok = true;
		for (const id of ids) {
			const [head] = await db
				.select({ rows: count(), seq: max(ledgerEntry.seq) })
				.from(ledgerEntry)
				.where(eq(ledgerEntry.assemblyId, id));
			rows += head.rows - 1;
			const contiguous = head.rows === (head.seq ?? -1) + 1;
			const closed = await closeAssembly(db, id, staffId, new Date(Date.now() + 2 * 86_400_000));
			const report = verifyRecord(JSON.parse(JSON.stringify(await exportRecord(db, id))));
			if (!contiguous || !closed.ok || !report.ok) {
				ok = false;
				console.log(
					`chain ${id}: contiguous ${contiguous}, closed ${closed.ok}, verifies ${report.ok}`,
					report.errors.slice(0, 3)
				);
			}
		}
		// Requests still in flight when a run stops commit without a client to acknowledge them.
		const inFlight = 2 * CONNECTIONS;
		const complete = rows >= acknowledged && rows <= acknowledged + inFlight;
		console.log(
			`chains ${ids[0]}${ids.length > 1 ? ` … (${ids.length})` : ''}: ${rows} ballots in the chains, ` +
				`${acknowledged} acknowledged (at most ${inFlight} unacknowledged); contiguous, closed and verifying: ${ok}`
		);
		if (!ok || !complete) failed = true;
	}

	const figures: Record<string, number> = {};
	if (runs.cast.length) {
		figures.ballots_per_s = Math.round(median(runs.cast.map((r) => r.perSecond)));
		figures.p95_ms = Number(median(runs.cast.map((r) => r.p95)).toFixed(1));
		figures.p99_ms = Number(median(runs.cast.map((r) => r.p99)).toFixed(1));
	}
	if (runs.cast2.length) {
		figures.cast_2proc_per_s = Math.round(median(runs.cast2.map((r) => r.perSecond)));
		figures.cast_2proc_p95_ms = Number(median(runs.cast2.map((r) => r.p95)).toFixed(1));
	}
	const ceiling: Record<string, number> = {};
	if (runs.plain.length)
		ceiling.plain_insert_per_s = Math.round(median(runs.plain.map((r) => r.perSecond)));
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		`bench/results/${RESULT}.json`,
		JSON.stringify(
			{ name: RESULT, assemblies: SPREAD, rounds: ROUNDS, scenarios: SCENARIOS, figures, ceiling },
			null,
			'\t'
		) + '\n'
	);
	console.log(
		`cast: ${figures.ballots_per_s} ballots/s (p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms) ` +
			`vs plain insert ${ceiling.plain_insert_per_s}/s: ratio ${(figures.ballots_per_s / ceiling.plain_insert_per_s).toFixed(2)}; ` +
			`targets: >= plain, >= 1500/s, p95 <= 60 ms`
	);
} catch (e) {
	console.error(e);
	failed = true;
} finally {
	await close();
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
}
process.exit(failed ? 1 : 0);
