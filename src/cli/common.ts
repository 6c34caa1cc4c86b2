import { openConfiguredDatabase, type Database } from '../lib/server/db/client';

/** An operator error: printed as one line on stderr, exit code 1. */
export class CliError extends Error {}

export async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
	const database = await openConfiguredDatabase();
	try {
		return await fn(database);
	} finally {
		await database.close();
	}
}

/** One tab-separated line; tabs and newlines inside cells become spaces. */
export const tsv = (cells: (string | number | null | undefined)[]) =>
	cells.map((c) => String(c ?? '').replace(/[\t\r\n]/g, ' ')).join('\t');
