import { sql } from 'drizzle-orm';
import type { Executor } from './client';

/**
 * Serialises work on one key (a ledger, an estate's roll or publication, an audit chain) across
 * every app process until the transaction ends. PGlite has one connection, so it always succeeds.
 */
export async function lockKey(tx: Executor, key: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
