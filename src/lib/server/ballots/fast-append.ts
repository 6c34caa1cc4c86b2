import { sql } from 'drizzle-orm';
import { makeBallotEntry } from '../../domain/ledger/entries';
import type { LedgerEntry } from '../../domain/record/types';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { entryBody } from '../ledger/store';
import type { AppendResult, PendingBallot } from './sequencer';

/** What this process last appended to an assembly's ledger, under revote "last". */
export interface KnownHead {
	entry: LedgerEntry;
	closesAt: Date;
}

const UNIQUE_VIOLATION = '23505';

/** A unique constraint refused the statement (here: the ledger's seq or prev, an idempotency key). */
export function isUniqueViolation(e: unknown): boolean {
	for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) {
		if (x.code === UNIQUE_VIOLATION) return true;
	}
	return false;
}

/**
 * The common case in one statement: chain the batch onto the head this process appended last and
 * insert it with its idempotency keys, only while the assembly is open. The ledger's constraints
 * decide: if anyone else appended meanwhile (another node, the close entry) the first entry's
 * `prev` is taken, and if a key was used before, its row exists — either way the statement fails
 * whole and the caller takes the locked path, which reads the head and the earlier receipts.
 * The statement takes the ledger lock first (the same key as lockLedger), so it never lands
 * between another process's locked head read and its insert.
 * Returns null whenever the locked path must decide.
 */
export async function fastAppend(
	db: Db,
	assemblyId: string,
	batch: PendingBallot[],
	known: KnownHead,
	now: Date
): Promise<{ results: AppendResult[]; head: LedgerEntry } | null> {
	if (now >= known.closesAt) return null;
	const keys = batch
		.filter((b) => b.idempotencyKey)
		.map((b) => `${b.accountId}\n${b.idempotencyKey}`);
	if (new Set(keys).size !== keys.length) return null;
	const at = now.toISOString();
	let head = known.entry;
	const rows: object[] = [];
	const keyRows: object[] = [];
	const results: AppendResult[] = [];
	for (const b of batch) {
		const entry = makeBallotEntry(head, {
			at,
			owner: b.pseudonym,
			channel: b.channel,
			choices: b.choices,
			nonce: b.nonce
		});
		head = entry;
		rows.push({
			assembly_id: assemblyId,
			seq: entry.seq,
			type: 'ballot',
			prev: entry.prev,
			hash: entry.hash,
			body: entryBody(entry),
			owner: entry.owner,
			at
		});
		if (b.idempotencyKey)
			keyRows.push({
				assembly_id: assemblyId,
				account_id: b.accountId,
				key: b.idempotencyKey,
				seq: entry.seq
			});
		results.push({ ok: true, seq: entry.seq, hash: entry.hash, at, replayed: false });
	}
	try {
		const r = await db.execute<{ n: number }>(sql`
			with ok as (
				select 1 from assembly,
					(select pg_advisory_xact_lock(hashtextextended(${'ledger:' + assemblyId}, 0))) as l
				where id = ${assemblyId} and state = 'open'),
			e as (
				insert into ledger_entry (assembly_id, seq, type, prev, hash, body, owner, at)
				select x.assembly_id, x.seq, x.type, x.prev, x.hash, x.body, x.owner, x.at
				from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
					as x(assembly_id text, seq int, type text, prev text, hash text, body text, owner text, at timestamptz)
				where exists (select 1 from ok)
				returning 1),
			k as (
				insert into ballot_idempotency (assembly_id, account_id, key, seq)
				select y.assembly_id, y.account_id, y.key, y.seq
				from jsonb_to_recordset(${JSON.stringify(keyRows)}::jsonb)
					as y(assembly_id text, account_id text, key text, seq int)
				where exists (select 1 from ok)
				returning 1)
			select (select count(*) from e)::int as n`);
		const n = rowsOf<{ n: number }>(r)[0]?.n;
		return Number(n) === rows.length ? { results, head } : null;
	} catch (e) {
		if (isUniqueViolation(e)) return null;
		throw e;
	}
}
