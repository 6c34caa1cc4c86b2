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
 * BENCH_PROFILE=1 (V8 CPU profile per server run), BENCH_SERVER_ENTRY.
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
import { ensureBuild, freePort, loadRun, median, startServer, type LoadResult } from './cast-run';

const base = process.env.DATABASE_URL;
if (!base) {
	console.error('bench cast needs DATABASE_URL (PostgreSQL)');
	process.exit(1);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

// BENCH_SERVER_ENTRY runs another server entry as is (e.g. an experimental build) instead.
const entry = process.env.BENCH_SERVER_ENTRY || ensureBuild();
const name = `gongyi_bench_${Math.random().toString(36).slice(2, 10)}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const { db, close } = await openDatabase({ url: url.toString() });
let failed = false;
try {
	const { tokens, assemblies, staffId } = await seedCastBench(db, ROUNDS);
	const paths = {
		plain: () => '/api/bench/plain-insert',
		cast: (round: number) => `/api/assemblies/${assemblies[round - 1]}/ballots`
	};
	const runs: Record<keyof typeof paths, LoadResult[]> = { plain: [], cast: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		for (const scenario of ['plain', 'cast'] as const) {
			if (scenario === 'plain') await db.execute(sql`truncate bench_plain_ballot`);
			await admin.unsafe('checkpoint');
			const port = await freePort();
			const server = await startServer(entry, port, url.toString());
			try {
				const r = await loadRun(server, {
					url: `http://127.0.0.1:${port}`,
					origin: `http://127.0.0.1:${port}`,
					path: paths[scenario](round),
					tokens,
					choices: CHOICES,
					connections: CONNECTIONS,
					duration: SECONDS,
					warmup: WARMUP
				});
				runs[scenario].push(r);
				console.log(
					`round ${round} ${scenario.padEnd(5)} ${r.perSecond.toFixed(0).padStart(6)}/s  ` +
						`p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} p99 ${r.p99.toFixed(1)} ms  ` +
						`2xx ${r.ok2xx}/${r.requests} non2xx ${r.non2xx} errors ${r.errors} timeouts ${r.timeouts}  ` +
						`node ${r.nodeCpuPct.toFixed(0)}% of a core (${r.nodeMsPerRequest.toFixed(2)} ms/req), box ${r.boxBusyPct.toFixed(0)}% busy`
				);
				if (r.non2xx || r.errors || r.timeouts) failed = true;
			} finally {
				await server.stop();
			}
		}
	}

	// Each run's chain: contiguous, every acknowledged ballot in it, closed, and the record verifies.
	for (const [i, id] of assemblies.entries()) {
		const [head] = await db
			.select({ rows: count(), seq: max(ledgerEntry.seq) })
			.from(ledgerEntry)
			.where(eq(ledgerEntry.assemblyId, id));
		const run = runs.cast[i];
		const acknowledged = run.ok2xx + run.warm2xx;
		const contiguous = head.rows === (head.seq ?? -1) + 1;
		// Requests still in flight when a run stops commit without a client to acknowledge them.
		const inFlight = 2 * CONNECTIONS;
		const complete = head.rows - 1 >= acknowledged && head.rows - 1 <= acknowledged + inFlight;
		const closed = await closeAssembly(db, id, staffId, new Date(Date.now() + 2 * 86_400_000));
		const report = verifyRecord(JSON.parse(JSON.stringify(await exportRecord(db, id))));
		console.log(
			`chain ${id}: ${head.rows} entries, head seq ${head.seq}, contiguous ${contiguous}; ` +
				`${acknowledged} ballots acknowledged, ${head.rows - 1} in the chain ` +
				`(at most ${inFlight} unacknowledged); closed ${closed.ok}; record verifies ${report.ok}`,
			report.errors.slice(0, 3)
		);
		if (!contiguous || !complete || !closed.ok || !report.ok) failed = true;
	}

	const figures = {
		ballots_per_s: Math.round(median(runs.cast.map((r) => r.perSecond))),
		p95_ms: Number(median(runs.cast.map((r) => r.p95)).toFixed(1)),
		p99_ms: Number(median(runs.cast.map((r) => r.p99)).toFixed(1))
	};
	const ceiling = {
		plain_insert_per_s: Math.round(median(runs.plain.map((r) => r.perSecond)))
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		'bench/results/cast.json',
		JSON.stringify({ name: 'cast', figures, ceiling }, null, '\t') + '\n'
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
