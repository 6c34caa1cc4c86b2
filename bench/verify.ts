import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashEntryBytes } from '../src/lib/domain/ledger/entries';
import { verifyRecord } from '../src/lib/domain/record/verify';
import { sampleRecord } from '../src/lib/domain/record/sample';
import { nobleSha256 } from '../src/lib/domain/record/sha256';
import { prepareLedgerQueue } from '../src/lib/server/ledger-queue';
import { nodeSha256, offThreadSha256 } from '../src/lib/server/sha256';

// BENCH_UNITS / BENCH_BALLOTS size the record (growth runs); BENCH_ROUNDS interleaved rounds, medians.
const UNITS = Number(process.env.BENCH_UNITS ?? 200_000);
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RESULT = process.env.BENCH_RESULT ?? 'verify';
// BENCH_SHA=noble measures the browser's pure-JavaScript SHA-256; both sides use the same one.
const SHA = process.env.BENCH_SHA === 'noble' ? 'noble' : 'node';
const sha256 = SHA === 'noble' ? nobleSha256 : nodeSha256;
// The verifier runs as the CLI runs it: with OpenSSL, the ledger is hashed in a worker thread
// beside the checks and the count (src/lib/server/ledger-queue.ts). BENCH_QUEUE=off keeps it in
// one thread, as on a one-core machine; the ceiling is always one thread.
const QUEUE = SHA === 'node' && process.env.BENCH_QUEUE !== 'off';
const verifySha256 = QUEUE ? offThreadSha256 : sha256;
const file = join(tmpdir(), `gongyi-bench-${UNITS}u-${BALLOTS}b.json`);

const cpu: Record<string, number> = {};

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Wall seconds of `f`; its CPU seconds go to `cpu[name]`, to read the figures on a busy machine.
 * Each side starts on a collected heap (node --expose-gc, as `npm run bench` runs it): otherwise
 * it pays for collecting the other side's 400 MB record, and rounds varied by a factor of 1.5.
 */
function seconds(name: string, f: () => void): number {
	gc?.();
	const [t, c] = [performance.now(), process.cpuUsage()];
	f();
	const used = process.cpuUsage(c);
	cpu[name] = (used.user + used.system) / 1e6;
	return (performance.now() - t) / 1000;
}

// The record is generated once and reused: generating is not what is measured.
if (!existsSync(file)) {
	const t = performance.now();
	const built = sampleRecord({ units: UNITS, ballots: BALLOTS, seed: 'bench' });
	if (!built.ok) throw new Error(JSON.stringify(built.errors.slice(0, 5)));
	writeFileSync(file, JSON.stringify(built.record));
	console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const text = readFileSync(file, 'utf8');

let ok = true;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const runs = {
	verify: [] as number[],
	hash: [] as number[],
	verifyCpu: [] as number[],
	hashCpu: [] as number[]
};
// Figure and ceiling alternate round by round, so a busy spell on the shared machine hits both.
for (let round = 0; round < ROUNDS; round++) {
	runs.verify.push(
		seconds('verify', () => {
			// As the CLI does: the hashing thread starts before the record is parsed.
			if (QUEUE) prepareLedgerQueue();
			const report = verifyRecord(JSON.parse(text), { sha256: verifySha256 });
			if (!report.ok) console.error(report.errors.slice(0, 5));
			ok &&= report.ok;
		})
	);
	runs.verifyCpu.push(cpu.verify);
	runs.hash.push(
		seconds('hash', () => {
			const { ledger } = JSON.parse(text) as { ledger: object[] };
			const out = new Uint8Array(32);
			for (const e of ledger) hashEntryBytes(e, out, sha256);
		})
	);
	runs.hashCpu.push(cpu.hash);
	console.log(
		`round ${round + 1}: verify ${runs.verify[round].toFixed(2)} s (cpu ${cpu.verify.toFixed(2)}), ` +
			`parse + hash ${runs.hash[round].toFixed(2)} s (cpu ${cpu.hash.toFixed(2)})`
	);
}
const verifyS = median(runs.verify);
const hashS = median(runs.hash);
// The machine's speed drifts between rounds (CPU seconds of the same work vary by 1.3×), so the
// ratio is the median of each round's own ratio: both sides of a round see the same machine.
const ratio = median(runs.verify.map((v, i) => v / runs.hash[i]));

const rows = [
	['record', `${(text.length / 1e6).toFixed(0)} MB, ${BALLOTS} ballots, ${UNITS} units`],
	['sha256 (both sides)', SHA],
	['verifier hashes the ledger', QUEUE ? 'in a worker thread (as the CLI)' : 'in its own thread'],
	[
		'verify_s (parse + verifyRecord), median',
		`${verifyS.toFixed(2)} (cpu ${median(runs.verifyCpu).toFixed(2)})`
	],
	[
		'hash_only_s (parse + hash entries)',
		`${hashS.toFixed(2)} (cpu ${median(runs.hashCpu).toFixed(2)})`
	],
	['ratio (median of rounds)', ratio.toFixed(2)],
	['ratio of medians', (verifyS / hashS).toFixed(2)],
	['verified ok', String(ok)]
];
for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);

mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
	join(import.meta.dirname, 'results', `${RESULT}.json`),
	JSON.stringify(
		{
			name: RESULT,
			units: UNITS,
			ballots: BALLOTS,
			rounds: ROUNDS,
			sha256: SHA,
			ledger_hashing: QUEUE ? 'worker thread' : 'same thread',
			figures: {
				verify_1m_s: Number(verifyS.toFixed(3)),
				verify_cpu_s: Number(median(runs.verifyCpu).toFixed(3)),
				ratio: Number(ratio.toFixed(3))
			},
			ceiling: {
				hash_only_1m_s: Number(hashS.toFixed(3)),
				hash_cpu_s: Number(median(runs.hashCpu).toFixed(3))
			}
		},
		null,
		2
	) + '\n'
);
if (!ok) process.exitCode = 1;
