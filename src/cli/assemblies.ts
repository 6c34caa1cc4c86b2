import type { Command } from 'commander';
import { asc, eq } from 'drizzle-orm';
import { assembly } from '../lib/server/db/schema';
import { getAssembly } from '../lib/server/ledger/parts';
import { exportRecord } from '../lib/server/ledger/record';
import { CliError, tsv, withDatabase } from './common';

/** States in which the ledger has its close entry, so the record is complete. */
const RECORDED = new Set(['closed', 'counted', 'published']);

/** `assemblies` lists assemblies; `record <id>` prints the assembly record (gongyi-record/1). */
export function registerAssemblyCommands(program: Command): void {
	program
		.command('assemblies')
		.description('one tab-separated line per assembly: id, estate, title, state')
		.option('--estate <id>', 'only the assemblies of this estate')
		.action((opts: { estate?: string }) =>
			withDatabase(async ({ db }) => {
				const rows = await db
					.select({
						id: assembly.id,
						estate: assembly.estateId,
						title: assembly.title,
						state: assembly.state
					})
					.from(assembly)
					.where(opts.estate ? eq(assembly.estateId, opts.estate) : undefined)
					.orderBy(asc(assembly.estateId), asc(assembly.opensAt), asc(assembly.id));
				for (const r of rows) console.log(tsv([r.id, r.estate, r.title, r.state]));
			})
		);

	program
		.command('record')
		.description(
			'write the record (gongyi-record/1 JSON) of a closed, counted or published assembly to stdout'
		)
		.argument('<assembly>', 'the assembly id')
		.option('--full', "add the unit labels' openings (roll.openings), for oversight and courts")
		.action((id: string, opts: { full?: boolean }) =>
			withDatabase(async ({ db }) => {
				const a = await getAssembly(db, id);
				if (!a) throw new CliError(`no assembly with id ${id}`);
				if (!RECORDED.has(a.state))
					throw new CliError(
						`assembly ${id} is ${a.state}; its record is complete only once voting has closed`
					);
				const record = await exportRecord(db, id, { full: !!opts.full });
				if (!record) throw new CliError(`assembly ${id} has no frozen roll`);
				process.stdout.write(JSON.stringify(record) + '\n');
			})
		);
}
