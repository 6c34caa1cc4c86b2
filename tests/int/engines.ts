import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type Database, type Db } from '../../src/lib/server/db/client';
import { queryRows } from '../../src/lib/server/db/rows';
import { forgetCachedSecrets } from '../../src/lib/server/secrets';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

async function openFresh(engine: Engine): Promise<Database & { drop(): Promise<void> }> {
	if (engine === 'pglite') {
		const d = await openDatabase({ dataDir: 'memory://' });
		return { ...d, drop: d.close };
	}
	const base = process.env.DATABASE_URL!;
	const name = `gongyi_t_${Math.random().toString(36).slice(2, 10)}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	const d = await openDatabase({ url: url.toString() });
	return {
		...d,
		drop: async () => {
			await d.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

export { queryRows } from '../../src/lib/server/db/rows';

/**
 * Every table but the migrations journal, emptied between tests. The append-only tables refuse
 * TRUNCATE through triggers, which `session_replication_role = replica` switches off for this
 * transaction only (the test role is a superuser); the root place the migrations seed is put back.
 */
export async function truncateAll(db: Db): Promise<void> {
	const rows = await queryRows<{ tablename: string }>(
		db,
		sql`select tablename from pg_tables where schemaname = 'public'`
	);
	const tables = rows.map((r) => `"${r.tablename}"`);
	if (!tables.length) return;
	await db.transaction(async (tx) => {
		await tx.execute(sql`set local session_replication_role = replica`);
		await tx.execute(sql.raw(`truncate ${tables.join(', ')} cascade`));
		await tx.execute(
			sql`insert into place (id, kind, name, path) values ('platform', 'platform', '平台', '/') on conflict do nothing`
		);
	});
	// The keys read from the emptied table are gone with it.
	forgetCachedSecrets();
}

/**
 * Runs the suite once per engine on a freshly migrated database; tables are emptied before each
 * test so tests do not depend on each other.
 */
export function describeEngines(
	title: string,
	suite: (db: () => Db, engine: Engine) => void
): void {
	for (const engine of ENGINES) {
		describe(`${title} [${engine}]`, () => {
			let database: Awaited<ReturnType<typeof openFresh>>;
			beforeAll(async () => {
				database = await openFresh(engine);
			});
			afterAll(async () => {
				await database?.drop();
			});
			beforeEach(async () => {
				await truncateAll(database.db);
			});
			suite(() => database.db, engine);
		});
	}
}
