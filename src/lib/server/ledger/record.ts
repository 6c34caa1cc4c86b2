import { asc, eq } from 'drizzle-orm';
import { countAssembly } from '../../domain/counting/count';
import {
	RECORD_FORMAT,
	type AssemblyRecord,
	type Result,
	type Roll,
	type Signature
} from '../../domain/record/types';
import type { Executor } from '../db/client';
import { headSignature, rollOpening } from '../db/schema';
import { getAssembly, recordAssembly, recordEstate, recordItems } from './parts';
import { loadLedger } from './store';

/**
 * The assembly record (gongyi-record/1) from what is stored: the frozen roll and the ledger as the
 * exact hashed bytes, with per-assembly random ids and committed unit labels only; `full` adds the
 * openings of the labels (`roll.openings`, outside the hashed roll). Any change to the database that is not an
 * append makes `npm run verify` fail on it.
 */
export async function exportRecord(
	db: Executor,
	assemblyId: string,
	opts: { full?: boolean } = {}
): Promise<AssemblyRecord | null> {
	const a = await getAssembly(db, assemblyId);
	if (!a || !a.rollJson) return null;
	const [estate, items, ledger, sigs] = await Promise.all([
		recordEstate(db, a.estateId),
		recordItems(db, assemblyId),
		loadLedger(db, assemblyId),
		db
			.select()
			.from(headSignature)
			.where(eq(headSignature.assemblyId, assemblyId))
			.orderBy(asc(headSignature.by))
	]);
	const record: AssemblyRecord = {
		format: RECORD_FORMAT,
		estate,
		assembly: recordAssembly(a),
		roll: JSON.parse(a.rollJson) as Roll,
		items,
		ledger
	};
	if (opts.full) {
		// The full record (oversight, courts): each unit's label and salt beside the hashed roll.
		const rows = await db
			.select()
			.from(rollOpening)
			.where(eq(rollOpening.assemblyId, assemblyId))
			.orderBy(asc(rollOpening.recordId));
		record.roll.openings = Object.fromEntries(
			rows.map((o) => [o.recordId, { label: o.label, salt: o.salt }])
		);
	}
	if (a.resultJson) record.result = JSON.parse(a.resultJson) as Result;
	const signatures: Signature[] = sigs.map((s) => ({
		by: s.by,
		alg: 'ed25519',
		publicKey: s.publicKey,
		signature: s.signature
	}));
	if (signatures.length) record.signatures = signatures;
	return record;
}

/** Counts what is stored with the domain core (the same code the verifier runs). */
export async function recount(db: Executor, assemblyId: string) {
	const record = await exportRecord(db, assemblyId);
	if (!record) return null;
	return countAssembly(record.roll, record.items, record.ledger, record.assembly.rules);
}
