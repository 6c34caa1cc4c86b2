import { Command, CommanderError } from 'commander';
import { TOTP } from 'otpauth';
import { DataDirBusyError } from '../lib/server/db/lock';
import { listAccounts } from '../lib/server/accounts';
import { listEstates } from '../lib/server/places';
import { seedDemoIfEmpty } from '../lib/server/demo';
import { CliError, tsv, withDatabase } from './common';
import { registerAssemblyCommands } from './assemblies';
import { registerMinutesCommands } from './minutes';
import { registerRollCommands } from './roll';
import { registerEvidenceCommands } from './evidence';
import { registerTransparencyCommands } from './transparency';
import { tolerateClosedStdout } from './pipe';

tolerateClosedStdout();

/** Operator commands on the configured database (PGlite in ./data, or DATABASE_URL). */
const program = new Command('gongyi')
	.description('Gongyi operator commands. Output goes to stdout, errors to stderr.')
	.exitOverride()
	.configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
	.command('estates')
	.description('one tab-separated line per estate: id, name, street, community')
	.action(() =>
		withDatabase(async ({ db }) => {
			for (const e of await listEstates(db))
				console.log(tsv([e.id, e.name, e.street, e.community]));
		})
	);

program
	.command('accounts')
	.description('one tab-separated line per account and role: id, login, role, place')
	.action(() =>
		withDatabase(async ({ db }) => {
			for (const a of await listAccounts(db)) console.log(tsv([a.id, a.login, a.role, a.placeId]));
		})
	);

program
	.command('demo')
	.description('seed the demo estate and accounts into an empty database')
	.action(() =>
		withDatabase(async ({ db }) => {
			const accounts = await seedDemoIfEmpty(db, { assemblies: true });
			if (!accounts)
				throw new CliError('The database is not empty; the demo seeds only an empty one.');
			for (const a of accounts) console.log(tsv([a.login, a.password, a.role]));
		})
	);

program
	.command('migrate')
	.description('apply pending migrations and exit')
	.action(() => withDatabase(async () => {}));

program
	.command('totp-code')
	.description(
		"the current 6-digit code for a TOTP secret (base32), e.g. the demo accounts' secret"
	)
	.argument('<secret>', 'base32 TOTP secret')
	.action((secret: string) => {
		if (!/^[A-Z2-7]+=*$/i.test(secret)) throw new CliError('The secret must be base32 (A–Z, 2–7).');
		console.log(new TOTP({ secret: secret.toUpperCase() }).generate());
	});

registerRollCommands(program);
registerAssemblyCommands(program);
registerEvidenceCommands(program);
registerTransparencyCommands(program);
registerMinutesCommands(program);

try {
	await program.parseAsync(process.argv);
} catch (e) {
	if (e instanceof CommanderError) process.exit(e.exitCode);
	if (e instanceof CliError || e instanceof DataDirBusyError) {
		process.stderr.write(`error: ${e.message}\n`);
		process.exit(1);
	}
	process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
	process.exit(1);
}
