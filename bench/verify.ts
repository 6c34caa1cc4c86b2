import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashEntryBytes } from '../src/lib/domain/ledger/entries';
import { verifyRecord } from '../src/lib/domain/record/verify';
import { sampleRecord } from '../src/lib/domain/record/sample';

const UNITS = 200_000;
const BALLOTS = 1_000_000;
const file = join(tmpdir(), `gongyi-bench-${UNITS}u-${BALLOTS}b.json`);

const cpu: Record<string, number> = {};

/** Wall seconds of `f`; its CPU seconds go to `cpu[name]`, to read the figures on a busy machine. */
function seconds(name: string, f: () => void): number {
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

let ok = false;
const verifyS = seconds('verify', () => {
	const report = verifyRecord(JSON.parse(text));
	ok = report.ok;
	if (!ok) console.error(report.errors.slice(0, 5));
});

const hashS = seconds('hash', () => {
	const { ledger } = JSON.parse(text) as { ledger: object[] };
	const out = new Uint8Array(32);
	for (const e of ledger) hashEntryBytes(e, out);
});

const rows = [
	['record', `${(text.length / 1e6).toFixed(0)} MB, ${BALLOTS} ballots, ${UNITS} units`],
	['verify_1m_s (parse + verifyRecord)', `${verifyS.toFixed(2)} (cpu ${cpu.verify.toFixed(2)})`],
	['hash_only_1m_s (parse + hash entries)', `${hashS.toFixed(2)} (cpu ${cpu.hash.toFixed(2)})`],
	['verified ok', String(ok)]
];
for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);

mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
	join(import.meta.dirname, 'results', 'verify.json'),
	JSON.stringify(
		{
			name: 'verify',
			figures: { verify_1m_s: Number(verifyS.toFixed(3)) },
			ceiling: { hash_only_1m_s: Number(hashS.toFixed(3)) }
		},
		null,
		2
	) + '\n'
);
if (!ok) process.exitCode = 1;
