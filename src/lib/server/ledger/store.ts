import { asc, desc, eq } from 'drizzle-orm';
import { canonicalJson } from '../../domain/record/canonical';
import type { LedgerEntry } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { lockKey } from '../db/lock-key';
import { ledgerEntry } from '../db/schema';

/** Appends to one assembly's ledger are serialised across every app process by this lock. */
export async function lockLedger(tx: Executor, assemblyId: string): Promise<void> {
	await lockKey(tx, 'ledger:' + assemblyId);
}

/** The stored bytes: the canonical JSON that was hashed (the entry without its hash). */
export function entryBody(e: LedgerEntry): string {
	const { hash: _hash, ...rest } = e;
	return canonicalJson(rest);
}

export async function insertEntries(
	tx: Executor,
	assemblyId: string,
	entries: LedgerEntry[]
): Promise<void> {
	if (!entries.length) return;
	await tx.insert(ledgerEntry).values(
		entries.map((e) => ({
			assemblyId,
			seq: e.seq,
			type: e.type,
			prev: e.prev,
			hash: e.hash,
			body: entryBody(e),
			owner: e.type === 'ballot' ? e.owner : null,
			at: new Date(e.at)
		}))
	);
}

/** The last entry (its seq, hash and type are all a new entry needs), or null before open. */
export async function lastEntry(tx: Executor, assemblyId: string): Promise<LedgerEntry | null> {
	const [row] = await tx
		.select({ body: ledgerEntry.body, hash: ledgerEntry.hash })
		.from(ledgerEntry)
		.where(eq(ledgerEntry.assemblyId, assemblyId))
		.orderBy(desc(ledgerEntry.seq))
		.limit(1);
	return row ? ({ ...JSON.parse(row.body), hash: row.hash } as LedgerEntry) : null;
}

/** The whole ledger as stored, in seq order, parsed from the exact bytes that were hashed. */
export async function loadLedger(db: Executor, assemblyId: string): Promise<LedgerEntry[]> {
	const rows = await db
		.select({ body: ledgerEntry.body, hash: ledgerEntry.hash })
		.from(ledgerEntry)
		.where(eq(ledgerEntry.assemblyId, assemblyId))
		.orderBy(asc(ledgerEntry.seq));
	return rows.map((r) => ({ ...JSON.parse(r.body), hash: r.hash }) as LedgerEntry);
}

/** Entry hashes in seq order: the leaves of the Merkle tree. */
export async function entryHashes(db: Executor, assemblyId: string): Promise<string[]> {
	const rows = await db
		.select({ hash: ledgerEntry.hash })
		.from(ledgerEntry)
		.where(eq(ledgerEntry.assemblyId, assemblyId))
		.orderBy(asc(ledgerEntry.seq));
	return rows.map((r) => r.hash);
}
