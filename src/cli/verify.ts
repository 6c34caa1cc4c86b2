import { readFileSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { verifyRecord } from '../lib/domain/record/verify';
import { prepareLedgerQueue } from '../lib/server/ledger-queue';
import { offThreadSha256 } from '../lib/server/sha256';
import type { VerifyReport } from '../lib/domain/record/types';
import { tolerateClosedStdout } from './pipe';

tolerateClosedStdout();

/** Exit 0 consistent, 1 inconsistent, 2 unreadable or not this format (docs/record-format.md § The verifier). */
function exitCode(report: VerifyReport): number {
	if (report.ok) return 0;
	return report.errors.some((e) => e.code === 'format') ? 2 : 1;
}

function unreadable(message: string): VerifyReport {
	return { ok: false, errors: [{ code: 'format', message }], result: null };
}

/** Records this large have ledgers long enough to hash in a worker thread (about 400 bytes an entry). */
const LONG_RECORD_BYTES = 16 << 20;

function run(file: string): number {
	let text: string;
	try {
		// The hashing thread starts while the file is read and parsed.
		if (statSync(file).size > LONG_RECORD_BYTES) prepareLedgerQueue();
		text = readFileSync(file, 'utf8');
	} catch (e) {
		return print(unreadable(`cannot read ${file}: ${(e as Error).message}`), 2);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (e) {
		return print(unreadable(`not JSON: ${(e as Error).message}`), 2);
	}
	const report = verifyRecord(parsed, { sha256: offThreadSha256 });
	return print(report, exitCode(report));
}

function print(report: VerifyReport, code: number): number {
	process.stdout.write(JSON.stringify(report) + '\n');
	return code;
}

const program = new Command()
	.name('verify')
	.description(
		'Checks an assembly record (gongyi-record/1) offline and prints one JSON object ' +
			'{ ok, errors, result }. Exit 0 consistent, 1 inconsistent, 2 unreadable or not this format.'
	)
	.argument('<record.json>', 'the exported record')
	.action((file: string) => {
		process.exitCode = run(file);
	});

program.parse();
