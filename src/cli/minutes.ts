import type { Command } from 'commander';
import { isLocale } from '../lib/i18n';
import { getAssembly } from '../lib/server/ledger/parts';
import { ensureMinutes, getMinutes } from '../lib/server/minutes/store';
import { CliError, withDatabase } from './common';
import { loadMessages } from './messages';

/** `minutes <id>`: the signed minutes PDF of a counted or published assembly, to stdout. */
export function registerMinutesCommands(program: Command): void {
	program
		.command('minutes')
		.description('write the signed minutes PDF of a counted or published assembly to stdout')
		.argument('<assembly>', 'the assembly id')
		.option('--lang <zh|en>', 'language of the minutes', 'zh')
		.option('--version <n>', 'a kept version instead of the current one')
		.action((id: string, opts: { lang: string; version?: string }) =>
			withDatabase(async ({ db }) => {
				if (!isLocale(opts.lang)) throw new CliError('--lang must be zh or en');
				const a = await getAssembly(db, id);
				if (!a) throw new CliError(`no assembly with id ${id}`);
				if (a.state !== 'counted' && a.state !== 'published')
					throw new CliError(`assembly ${id} is ${a.state}; minutes exist only once it is counted`);
				loadMessages();
				let pdf: Uint8Array;
				if (opts.version) {
					const row = await getMinutes(db, id, Number(opts.version), opts.lang);
					if (!row)
						throw new CliError(
							`assembly ${id} has no minutes version ${opts.version} (${opts.lang})`
						);
					pdf = row.pdf;
				} else {
					const r = await ensureMinutes(db, id, null, opts.lang);
					if (!r.ok) throw new CliError(`assembly ${id} is not counted`);
					pdf = r.row.pdf;
				}
				if (process.stdout.isTTY)
					throw new CliError('the minutes are a PDF: redirect stdout to a file (… > minutes.pdf)');
				await new Promise<void>((resolve, reject) =>
					process.stdout.write(pdf, (e) => (e ? reject(e) : resolve()))
				);
			})
		);
}
