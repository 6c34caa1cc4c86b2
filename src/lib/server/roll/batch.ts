import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';

/** Rows per statement: 2,000 units × 9 columns stays far below PostgreSQL's 65,535 parameters. */
export const BATCH = 2000;

export function chunks<T>(items: T[], size = BATCH): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * One UPDATE … FROM (VALUES …) per chunk. `columns` name the target columns with their SQL type;
 * each row gives the id first, then one value per column (bigints as decimal strings).
 */
export async function updateFromValues(
	tx: Executor,
	table: string,
	columns: [name: string, type: string][],
	rows: (string | null)[][]
): Promise<void> {
	const names = ['id', ...columns.map(([n]) => n)];
	const types = ['text', ...columns.map(([, t]) => t)];
	const set = sql.raw(columns.map(([n]) => `"${n}" = v."${n}"`).join(', '));
	const alias = sql.raw(names.map((n) => `"${n}"`).join(', '));
	for (const chunk of chunks(rows)) {
		const values: SQL[] = chunk.map(
			(row) =>
				sql`(${sql.join(
					row.map((v, i) => sql`${v}::${sql.raw(types[i])}`),
					sql`, `
				)})`
		);
		await tx.execute(
			sql`update ${sql.raw(`"${table}"`)} as t set ${set} from (values ${sql.join(values, sql`, `)}) as v(${alias}) where t.id = v.id`
		);
	}
}
