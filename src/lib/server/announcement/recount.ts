import { eq } from 'drizzle-orm';
import type { RecordError } from '../../domain/record/types';
import { resultDifferences, verifyRecord } from '../../domain/record/verify';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { assembly, resultRecount, type RecountDetail } from '../db/schema';
import { newId } from '../ids';
import { exportRecord } from '../ledger/record';
import { nodeSha256 } from '../sha256';
import { checkStoredChain } from '../ledger/integrity';
import { confirmIfFinal, lockAnnouncement } from './announce';

export interface LedgerCheck {
	/** The domain verifier's verdict on the ledger as stored (chain, roll, ballots, signatures). */
	ok: boolean;
	entries: number;
	/**
	 * The first bad entry (lowest seq), or the first error without a seq; a broken chain or a
	 * signed checkpoint the stored entries no longer match comes first (see ledger/integrity.ts).
	 */
	error: { code: string; seq: number | null; checkpoint?: number; message: string } | null;
	/** The stored result against a fresh count: null before counting or when the ledger is bad. */
	comparison: { same: boolean; differences: string[] } | null;
	head: { seq: number; hash: string } | null;
}

function firstError(errors: RecordError[]): LedgerCheck['error'] {
	if (!errors.length) return null;
	const withSeq = errors.filter((e) => e.seq !== undefined).sort((a, b) => a.seq! - b.seq!);
	const e = withSeq[0] ?? errors[0];
	return { code: e.code, seq: e.seq ?? null, message: e.message };
}

/**
 * The stored chain's finding `a` against the verifier's `b`: a signed checkpoint the stored entries
 * no longer match (rows deleted, or rewritten) first, else the one at the lower seq.
 */
function lowest(a: LedgerCheck['error'], b: LedgerCheck['error']): LedgerCheck['error'] {
	if (!a || !b) return a ?? b;
	if (a.code.startsWith('checkpoint.')) return a;
	return (b.seq ?? Infinity) < (a.seq ?? Infinity) ? b : a;
}

/**
 * "Verify now": exports the record from what is stored and runs the same verifier as
 * `npm run verify` and the verify page, then compares the stored result with its fresh count.
 */
export async function checkLedger(db: Executor, assemblyId: string): Promise<LedgerCheck | null> {
	const record = await exportRecord(db, assemblyId);
	if (!record) return null;
	const { result: stated, ...rest } = record;
	const report = verifyRecord(rest, { sha256: nodeSha256 });
	const chain = await checkStoredChain(db, assemblyId);
	const head = report.result
		? { seq: report.result.head.seq, hash: report.result.head.hash }
		: null;
	const comparison =
		report.ok && chain.ok && report.result && stated
			? (() => {
					const differences = resultDifferences(stated, report.result!);
					return { same: differences.length === 0, differences };
				})()
			: null;
	return {
		ok: report.ok && chain.ok,
		entries: record.ledger.length,
		error: lowest(chain.error, firstError(report.errors)),
		comparison,
		head
	};
}

export type RecountResult =
	| { ok: true; outcome: 'same' | 'different' | 'invalid'; check: LedgerCheck }
	| { ok: false; code: 'recount.notCounted' };

/**
 * A recount the street orders: verify and count the stored ledger again, keep the outcome, and
 * append it (same result, or what differs) to the estate's audit trail.
 */
export async function orderRecount(
	db: Db,
	input: { assemblyId: string; actorId: string; now?: Date }
): Promise<RecountResult> {
	const now = input.now ?? new Date();
	return db.transaction(async (tx): Promise<RecountResult> => {
		await lockAnnouncement(tx, input.assemblyId);
		const [a] = await tx.select().from(assembly).where(eq(assembly.id, input.assemblyId));
		if (!a?.resultJson) return { ok: false, code: 'recount.notCounted' };
		const check = (await checkLedger(tx, input.assemblyId))!;
		const outcome = !check.ok ? 'invalid' : check.comparison?.same ? 'same' : 'different';
		const detail: RecountDetail = {
			differences: check.comparison?.differences ?? [],
			error: check.error,
			head: check.head
		};
		await tx.insert(resultRecount).values({
			id: newId('rct'),
			assemblyId: a.id,
			orderedBy: input.actorId,
			outcome,
			detail,
			at: now
		});
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId: input.actorId,
				action: 'result.recount',
				subject: a.id,
				after: { outcome, ...detail }
			},
			now
		);
		await confirmIfFinal(tx, a.id, now);
		return { ok: true, outcome, check };
	});
}
