import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { summariseRoll, type RollJsonSummary, type RollLocale } from '../lib/i18n/roll-problems';
import type { Db } from '../lib/server/db/client';
import { account } from '../lib/server/db/schema';
import {
	commitImport,
	findEstate,
	previewImport,
	rollTotals,
	type ImportPreview,
	type ImportProblem
} from '../lib/server/roll';
import { CliError, tsv, withDatabase } from './common';

interface ImportOptions {
	estate: string;
	dryRun?: boolean;
	json?: boolean;
	actor?: string;
	lang: string;
}

/** Exit code when the file (or the roll's state) has problems: nothing was imported. */
const PROBLEMS_EXIT = 2;

async function actorId(db: Db, login: string | undefined): Promise<string | null> {
	if (!login) return null;
	const [row] = await db.select({ id: account.id }).from(account).where(eq(account.login, login));
	if (!row) throw new CliError(`no account with login ${login}`);
	return row.id;
}

function jsonOf(p: ImportPreview, problems: ImportProblem[], locale: RollLocale): RollJsonSummary {
	const summary = p.preview
		? summariseRoll(p.preview, locale)
		: { units: 0, owners: 0, area: '0.00', problems: [] };
	return {
		units: summary.units,
		owners: summary.owners,
		area: summary.area,
		problems: problems.map(({ line, column, code, message }) => ({ line, column, code, message }))
	};
}

function printProblems(problems: ImportProblem[]) {
	for (const p of problems) {
		const where = [p.line === null ? 'file' : `line ${p.line}`, p.column && `column ${p.column}`];
		process.stderr.write(`${where.filter(Boolean).join(', ')}: ${p.message} [${p.code}]\n`);
	}
	process.stderr.write(`${problems.length} problem(s); nothing was imported.\n`);
}

function printPreview(p: ImportPreview) {
	const t = p.preview!.totals;
	const d = p.diff!;
	const counts = (l: { added: unknown[]; changed: unknown[]; removed: unknown[] }) =>
		`+${l.added.length} added, ~${l.changed.length} changed, -${l.removed.length} removed`;
	console.log(`units\t${t.units}`);
	console.log(`owners\t${t.heads}`);
	console.log(`area\t${t.area}`);
	console.log(`units changes\t${counts(d.units)}, ${d.units.unchanged} unchanged`);
	console.log(`owners changes\t${counts(d.owners)}, ${d.owners.unchanged} unchanged`);
	if (p.keptOwnerKeys.length)
		console.log(`owners kept\t${p.keptOwnerKeys.length} (linked to accounts or registrations)`);
}

async function importRoll(file: string, o: ImportOptions) {
	const locale: RollLocale = o.lang === 'en' ? 'en' : 'zh';
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(file));
	} catch {
		throw new CliError(`cannot read ${file}`);
	}
	await withDatabase(async ({ db }) => {
		if (!(await findEstate(db, o.estate))) throw new CliError(`no estate with id ${o.estate}`);
		const actor = await actorId(db, o.actor);
		const name = basename(file);
		const preview = await previewImport(db, o.estate, bytes, name, { locale });
		let problems = preview.problems;
		if (!problems.length && !o.dryRun) {
			const r = await commitImport(db, actor, o.estate, bytes, name, { locale });
			if (!r.ok) problems = r.problems;
		}
		if (o.json) console.log(JSON.stringify(jsonOf(preview, problems, locale)));
		else if (problems.length) printProblems(problems);
		else {
			printPreview(preview);
			console.log(o.dryRun ? 'dry run: nothing was imported' : 'imported');
		}
		if (problems.length) process.exitCode = PROBLEMS_EXIT;
	});
}

async function showRoll(o: { estate: string }) {
	await withDatabase(async ({ db }) => {
		if (!(await findEstate(db, o.estate))) throw new CliError(`no estate with id ${o.estate}`);
		const t = await rollTotals(db, o.estate);
		console.log(tsv(['building', 'units', 'counted_units', 'heads', 'area']));
		for (const b of t.byBuilding)
			console.log(tsv([b.building, b.units, b.countedUnits, b.heads, b.area]));
		console.log(tsv(['total', t.units, t.countedUnits, t.heads, t.area]));
	});
}

/** `roll import` and `roll show`: the operator's way to load and check an estate's roll. */
export function registerRollCommands(program: Command): void {
	const roll = program.command('roll').description('owner roll of an estate');
	roll
		.command('import')
		.description(
			'preview a roll file (CSV or XLSX) and import it; any problem imports nothing (exit 2)'
		)
		.argument('<file>', 'roll file')
		.requiredOption('--estate <id>', 'estate id (see `estates`)')
		.option('--dry-run', 'only preview')
		.option('--json', 'print one JSON object: units, owners, area, problems')
		.option('--actor <login>', 'account recorded as the importer in the audit trail')
		.option('--lang <zh|en>', 'language of problem messages', 'zh')
		.action((file: string, o: ImportOptions) => importRoll(file, o));
	roll
		.command('show')
		.description('tab-separated totals by building: units, counted units, heads, area')
		.requiredOption('--estate <id>', 'estate id')
		.action((o: { estate: string }) => showRoll(o));
}
