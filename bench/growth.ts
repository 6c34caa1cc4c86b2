/**
 * `npm run bench -- growth`: how each cost grows, every point measured by the bench that owns it
 * (each in its own process, figure and ceiling in the same run), then docs/performance.svg drawn:
 * - estate size: roll import of 2 k, 20 k and 95 k units (bench import, BENCH_UNITS; without
 *   certificate numbers, BENCH_LEAN, to stay under the 20 MB upload limit; 95 k units with their
 *   co-owner rows are just under 100,000 rows, the import's limit). A 200 k-unit estate appears
 *   in the ballots series (one unit per five ballots) but cannot be imported as one file;
 * - ballots: verify and count records of 10 k, 100 k and 1 M ballots, one unit per five ballots
 *   (bench verify, BENCH_BALLOTS / BENCH_UNITS);
 * - concurrent open assemblies on one PostgreSQL: casting spread over 1, 10 and 100 open
 *   assemblies (bench cast, BENCH_ASSEMBLIES), plain insert in the same run.
 * GROWTH_ONLY=estate,ballots,assemblies picks series. Needs DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { drawPerformanceChart } from './growth-chart';

interface Result {
	figures: Record<string, number>;
	ceiling: Record<string, number>;
}
const only = (process.env.GROWTH_ONLY ?? 'estate,ballots,assemblies').split(',');
const out = 'bench/results/growth.json';
const previous = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { series: {} };
const series: Record<string, Record<string, number>[]> = previous.series ?? {};

function run(bench: string, env: Record<string, string>, flags: string[] = []): Result {
	console.log(`\n--- ${bench} ${JSON.stringify(env)}`);
	const r = spawnSync('node', [...flags, '--import', 'tsx', `bench/${bench}.ts`], {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	if (r.status !== 0) throw new Error(`bench ${bench} failed (${JSON.stringify(env)})`);
	return JSON.parse(readFileSync(`bench/results/${env.BENCH_RESULT}.json`, 'utf8')) as Result;
}

if (only.includes('estate')) {
	series.estate = [2_000, 20_000, 95_000].map((units) => {
		const r = run('import', {
			BENCH_UNITS: String(units),
			BENCH_LEAN: '1',
			BENCH_ROUNDS: process.env.BENCH_ROUNDS ?? '1',
			BENCH_RESULT: `import-${units}u`
		});
		return { units, import_s: r.figures.import_50k_s, bare_inserts_s: r.ceiling.copy_50k_s };
	});
}
if (only.includes('ballots')) {
	series.ballots = [10_000, 100_000, 1_000_000].map((ballots) => {
		const r = run(
			'verify',
			{
				BENCH_BALLOTS: String(ballots),
				BENCH_UNITS: String(ballots / 5),
				BENCH_ROUNDS: ballots >= 1_000_000 ? '1' : '3',
				BENCH_RESULT: `verify-${ballots}b`
			},
			['--max-semi-space-size=64', '--expose-gc']
		);
		return { ballots, verify_s: r.figures.verify_1m_s, parse_hash_s: r.ceiling.hash_only_1m_s };
	});
}
if (only.includes('assemblies')) {
	series.assemblies = [1, 10, 100].map((assemblies) => {
		const r = run('cast', {
			BENCH_ASSEMBLIES: String(assemblies),
			BENCH_SCENARIOS: 'plain,cast',
			BENCH_ROUNDS: '1',
			BENCH_SECONDS: process.env.BENCH_SECONDS ?? '10',
			BENCH_RESULT: `cast-${assemblies}asm`
		});
		return {
			assemblies,
			ballots_per_s: r.figures.ballots_per_s,
			p95_ms: r.figures.p95_ms,
			plain_insert_per_s: r.ceiling.plain_insert_per_s
		};
	});
}

const figures: Record<string, number> = {};
const ceiling: Record<string, number> = {};
for (const p of series.estate ?? []) {
	figures[`import_${p.units}u_s`] = p.import_s;
	ceiling[`bare_inserts_${p.units}u_s`] = p.bare_inserts_s;
}
for (const p of series.ballots ?? []) {
	figures[`verify_${p.ballots}b_s`] = p.verify_s;
	ceiling[`parse_hash_${p.ballots}b_s`] = p.parse_hash_s;
}
for (const p of series.assemblies ?? []) {
	figures[`cast_${p.assemblies}asm_per_s`] = p.ballots_per_s;
	figures[`cast_${p.assemblies}asm_p95_ms`] = p.p95_ms;
	ceiling[`plain_insert_${p.assemblies}asm_per_s`] = p.plain_insert_per_s;
}
writeFileSync(
	out,
	JSON.stringify(
		{ name: 'growth', at: new Date().toISOString(), figures, ceiling, series },
		null,
		2
	) + '\n'
);
drawPerformanceChart(out, 'docs/performance.svg');
console.log(`wrote ${out} and docs/performance.svg`);
