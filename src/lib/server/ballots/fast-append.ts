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

const DEADLOCK = '40P01';

function isDeadlock(e: unknown): boolean {
	for (let x = e as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) {
		if (x.code === DEADLOCK) return true;
	}
	return false;
}

/** One assembly's share of a fast append: its batch, chained onto the head this process knows. */
export interface FastPart {
	assemblyId: string;
	batch: PendingBallot[];
	known: KnownHead;
	now: Date;
}
export type FastOutcome = { results: AppendResult[]; head: LedgerEntry } | null;

interface Chained {
	part: FastPart;
	rows: object[];
	keyRows: object[];
	results: AppendResult[];
	head: LedgerEntry;
}

/** The part's entries and idempotency rows, or null when the locked path must decide anyway. */
function chain(part: FastPart): Chained | null {
	const { assemblyId, batch, known, now } = part;
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
	return { part, rows, keyRows, results, head };
}

/** One statement for the chained parts (each of its own assembly); null when a constraint refused it. */
async function appendStatement(db: Db, parts: Chained[]): Promise<Map<string, number> | null> {
	const ids = parts.map((c) => c.part.assemblyId);
	const heads = parts.map((c) => ({ assembly_id: c.part.assemblyId, seq: c.part.known.entry.seq }));
	try {
		const r = await db.execute<{ assembly_id: string; n: number }>(sql`
			with l as (
				select pg_advisory_xact_lock(k) from (
					select distinct hashtextextended('ledger:' || a, 0) as k
					from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as a
					order by k offset 0) as s),
			ok as (
				select h.assembly_id as id
				from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as h(assembly_id text, seq int)
				join assembly on assembly.id = h.assembly_id
				where assembly.state = 'open' and (select count(*) from l) >= 0
					and not exists (
						select 1 from ledger_entry n where n.assembly_id = h.assembly_id and n.seq = h.seq + 1)),
			e as (
				insert into ledger_entry (assembly_id, seq, type, prev, hash, body, owner, at)
				select x.assembly_id, x.seq, x.type, x.prev, x.hash, x.body, x.owner, x.at
				from jsonb_to_recordset(${JSON.stringify(parts.flatMap((c) => c.rows))}::jsonb)
					as x(assembly_id text, seq int, type text, prev text, hash text, body text, owner text, at timestamptz)
				where x.assembly_id in (select id from ok)
				returning assembly_id),
			k as (
				insert into ballot_idempotency (assembly_id, account_id, key, seq)
				select y.assembly_id, y.account_id, y.key, y.seq
				from jsonb_to_recordset(${JSON.stringify(parts.flatMap((c) => c.keyRows))}::jsonb)
					as y(assembly_id text, account_id text, key text, seq int)
				where y.assembly_id in (select id from ok)
				returning 1)
			select assembly_id, count(*)::int as n from e group by assembly_id`);
		return new Map(
			rowsOf<{ assembly_id: string; n: number }>(r).map((x) => [x.assembly_id, Number(x.n)])
		);
	} catch (e) {
		if (isUniqueViolation(e) || isDeadlock(e)) return null;
		throw e;
	}
}

/**
 * The common case in one statement: chain each part's batch onto the head this process appended
 * last and insert them all with their idempotency keys, each only while its assembly is open. The
 * ledger's constraints decide: if anyone else appended meanwhile (another node, the close entry)
 * a first entry's `prev` is taken, and if a key was used before, its row exists — either way the
 * statement fails whole, and then each part is tried on its own, so that one moved head sends only
 * its own assembly to the locked path, which reads the head and the earlier receipts. A head that
 * had moved before the statement began is seen without the failure: that part inserts nothing and
 * goes to the locked path, the others commit (two processes on the same assemblies).
 * The statement takes the parts' ledger locks first, in one order (the same keys as lockLedger),
 * so it never lands between another process's locked head read and its insert.
 * Each part's outcome is null whenever the locked path must decide.
 */
export async function fastAppendMany(db: Db, parts: FastPart[]): Promise<FastOutcome[]> {
	const out: FastOutcome[] = parts.map(() => null);
	const chained: { i: number; c: Chained }[] = [];
	const seen = new Set<string>();
	parts.forEach((part, i) => {
		// Each assembly at most once: its batch chains onto one known head.
		if (seen.has(part.assemblyId)) throw new Error('one part per assembly');
		seen.add(part.assemblyId);
		const c = chain(part);
		if (c) chained.push({ i, c });
	});
	if (!chained.length) return out;
	const counts = await appendStatement(
		db,
		chained.map((x) => x.c)
	);
	if (!counts) {
		if (chained.length > 1) {
			const alone = await Promise.all(chained.map((x) => fastAppendMany(db, [x.c.part])));
			chained.forEach((x, j) => (out[x.i] = alone[j][0]));
		}
		return out;
	}
	for (const { i, c } of chained)
		if ((counts.get(c.part.assemblyId) ?? 0) === c.rows.length)
			out[i] = { results: c.results, head: c.head };
	return out;
}

/** fastAppendMany for one assembly. */
export async function fastAppend(
	db: Db,
	assemblyId: string,
	batch: PendingBallot[],
	known: KnownHead,
	now: Date
): Promise<FastOutcome> {
	return (await fastAppendMany(db, [{ assemblyId, batch, known, now }]))[0];
}
