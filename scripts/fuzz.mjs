// `npm run fuzz [-- <cases per entry>]`: the release run of the form and JSON fuzzer
// (tests/security/fuzz-routes.sec.test.ts), 10,000 cases per entry by default, spread over
// GONGYI_FUZZ_PROCESSES shards (default: one per core) that run side by side, each on its own
// in-memory database. Prints each shard's summary line and exits non-zero if any shard failed.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { stripVTControlCharacters } from 'node:util';

const runs = process.argv[2] ?? process.env.GONGYI_FUZZ_RUNS ?? '10000';
const shards = Number(process.env.GONGYI_FUZZ_PROCESSES ?? availableParallelism());
const started = Date.now();

function shard(i) {
	return new Promise((done) => {
		const child = spawn(
			'npx',
			['vitest', 'run', '--project', 'security', 'tests/security/fuzz-routes.sec.test.ts'],
			{
				env: { ...process.env, GONGYI_FUZZ_RUNS: runs, GONGYI_FUZZ_SHARD: `${i}/${shards}` },
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('close', (code) => done({ i, code, out }));
	});
}

const results = await Promise.all(Array.from({ length: shards }, (_, i) => shard(i)));
let failed = false;
for (const { i, code, out } of results) {
	const plain = stripVTControlCharacters(out);
	const summary = plain.match(/\[fuzz-routes\][^\n]*/)?.[0] ?? '(no summary)';
	console.log(`shard ${i}/${shards}: ${code === 0 ? 'passed' : 'FAILED'} ${summary}`);
	if (code !== 0) {
		failed = true;
		console.log(plain);
	}
}
console.log(`${runs} cases per entry, ${((Date.now() - started) / 60_000).toFixed(1)} min`);
process.exit(failed ? 1 : 0);
