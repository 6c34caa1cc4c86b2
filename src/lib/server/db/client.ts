import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock } from './lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
	db: Db;
	engine: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface OpenOptions {
	/** PostgreSQL URL; when absent an embedded PGlite in `dataDir` is used. */
	url?: string;
	/** PGlite directory; `memory://` for a throw-away database. */
	dataDir?: string;
	/** A PGlite instance to wrap (tests clone a migrated template). */
	pglite?: PGlite;
	migrate?: boolean;
}

export function migrationsFolder(): string {
	return resolve(process.env.GONGYI_MIGRATIONS ?? 'drizzle');
}

/** Opens PostgreSQL or PGlite and applies pending migrations before anything else. */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
	const config = { migrationsFolder: migrationsFolder() };
	if (opts.url) {
		const sql = postgres(opts.url, { max: Number(process.env.DB_POOL ?? 10), onnotice: () => {} });
		const db = drizzlePostgres(sql, { schema });
		if (opts.migrate !== false) await migratePostgres(db, config);
		return { db: db as unknown as Db, engine: 'postgres', close: () => sql.end() };
	}
	let lock: DataDirLock | null = null;
	let client = opts.pglite;
	if (!client) {
		const dataDir = opts.dataDir ?? resolve(process.env.GONGYI_DATA_DIR ?? 'data');
		if (!dataDir.startsWith('memory://')) {
			mkdirSync(dataDir, { recursive: true });
			lock = acquireDataDirLock(dataDir);
		}
		client = new PGlite(dataDir);
	}
	const db = drizzlePglite(client, { schema });
	try {
		if (opts.migrate !== false) await migratePglite(db, config);
	} catch (e) {
		lock?.release();
		throw e;
	}
	const pg = client;
	return {
		db: db as unknown as Db,
		engine: 'pglite',
		close: async () => {
			await pg.close();
			lock?.release();
		}
	};
}

/** Opens the database configured by the environment: DATABASE_URL, else PGlite in ./data. */
export function openConfiguredDatabase(): Promise<Database> {
	return openDatabase({ url: process.env.DATABASE_URL || undefined });
}
