import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * The rows of a raw `db.execute` result on either driver: postgres.js returns the rows as an
 * array, PGlite a `{ rows }` object. Drizzle's query builder already hides this; raw SQL does not.
 */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Runs raw SQL and returns its rows, the same on both drivers. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
	return rowsOf<T>(await db.execute(query));
}
