import { Command, InvalidArgumentError } from 'commander';
import { sampleRecord } from '../src/lib/domain/record/sample';

const count = (v: string) => {
	const n = Number(v);
	if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('not a whole number');
	return n;
};

const program = new Command()
	.name('record:sample')
	.description(
		'Writes a valid, signed sample record (gongyi-record/1) to stdout, reproducible from the seed.'
	)
	.requiredOption('--units <n>', 'units on the roll', count)
	.requiredOption('--ballots <n>', 'ballots in the ledger (revotes included)', count)
	.option('--seed <s>', 'seed for the roll, ballots, nonces and the platform key', '1')
	.option('--revote <rule>', 'last | first', 'last')
	.option('--blank <rule>', 'abstain | not_participating', 'abstain')
	.action((o: { units: number; ballots: number; seed: string; revote: string; blank: string }) => {
		if (o.units < 4) program.error('--units must be at least 4');
		if (!['last', 'first'].includes(o.revote)) program.error('--revote must be last or first');
		if (!['abstain', 'not_participating'].includes(o.blank)) {
			program.error('--blank must be abstain or not_participating');
		}
		const built = sampleRecord({
			units: o.units,
			ballots: o.ballots,
			seed: o.seed,
			revote: o.revote as 'last' | 'first',
			blank: o.blank as 'abstain' | 'not_participating'
		});
		if (!built.ok) {
			process.stderr.write(JSON.stringify(built.errors) + '\n');
			process.exitCode = 1;
			return;
		}
		process.stdout.write(JSON.stringify(built.record) + '\n');
	});

program.parse();
