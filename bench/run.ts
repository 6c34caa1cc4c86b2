// `npm run bench [-- <name> …]`: runs each benchmark (all by default) in its own process and prints
// one table of figures next to their ceilings from bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const ALL = ['cast', 'verify', 'import', 'live', 'live-2proc', 'minutes', 'pdf', 'fcp', 'growth'];
const names = process.argv.slice(2).length
	? process.argv.slice(2)
	: ALL.filter((n) => n !== 'growth' && existsSync(`bench/${n}.ts`));
let failed = false;
const rows: string[] = [];
for (const name of names) {
	if (!existsSync(`bench/${name}.ts`)) {
		console.error(
			`no benchmark named ${name} (have: ${ALL.filter((n) => existsSync(`bench/${n}.ts`)).join(', ')})`
		);
		failed = true;
		continue;
	}
	console.log(`\n=== bench ${name} ===`);
	// A larger young generation spares the verifier most scavenges over its million short-lived
	// entries (about 1 s of 10); the CLI verifier runs with the same flag.
	const flags = name === 'verify' ? ['--max-semi-space-size=64', '--expose-gc'] : [];
	const r = spawnSync('node', [...flags, '--import', 'tsx', `bench/${name}.ts`], {
		stdio: 'inherit'
	});
	if (r.status !== 0) failed = true;
	const file = `bench/results/${name}.json`;
	if (!existsSync(file)) continue;
	const res = JSON.parse(readFileSync(file, 'utf8')) as {
		figures: Record<string, number>;
		ceiling: Record<string, number>;
	};
	for (const [k, v] of Object.entries(res.figures))
		rows.push(`${name.padEnd(8)} ${k.padEnd(22)} ${String(v).padStart(12)}`);
	for (const [k, v] of Object.entries(res.ceiling))
		rows.push(`${name.padEnd(8)} ${(k + ' (ceiling)').padEnd(22)} ${String(v).padStart(12)}`);
}
console.log('\n' + rows.join('\n'));
process.exit(failed ? 1 : 0);
