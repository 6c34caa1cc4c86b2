import { and, asc, desc, eq } from 'drizzle-orm';
import { lockKey } from './db/lock-key';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../domain/record/canonical';
import type { Executor } from './db/client';
import { auditLog } from './db/schema';

const ZERO = '0'.repeat(64);
const sha256Hex = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

export interface AuditEvent {
	/** The chain: an estate id, or "platform" for places and accounts. */
	scope: string;
	actorId: string | null;
	action: string;
	subject: string;
	before?: unknown;
	after?: unknown;
}

/** JSON-safe copy: bigints (areas in hundredths) become decimal strings. */
function plain(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value ?? null, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
	);
}

/**
 * Appends one event to its scope's hash chain inside the caller's transaction. Appends to a scope
 * are serialised by a transaction-scoped advisory lock; the table refuses UPDATE and DELETE.
 */
export async function appendAudit(tx: Executor, e: AuditEvent, now = new Date()): Promise<void> {
	await lockKey(tx, 'audit:' + e.scope);
	const [last] = await tx
		.select({ seq: auditLog.seq, hash: auditLog.hash })
		.from(auditLog)
		.where(eq(auditLog.scope, e.scope))
		.orderBy(desc(auditLog.seq))
		.limit(1);
	const seq = last ? last.seq + 1 : 0;
	const prev = last?.hash ?? ZERO;
	const at = now.toISOString();
	const body = canonicalJson({
		scope: e.scope,
		seq,
		at,
		actor: e.actorId,
		action: e.action,
		subject: e.subject,
		before: plain(e.before),
		after: plain(e.after),
		prev
	});
	const hash = sha256Hex(body);
	await tx.insert(auditLog).values({
		scope: e.scope,
		seq,
		at: now,
		actorId: e.actorId,
		action: e.action,
		subject: e.subject,
		body,
		prev,
		hash
	});
}

export type AuditCheck =
	| { ok: true; length: number }
	| { ok: false; seq: number; code: 'audit.prev' | 'audit.hash' | 'audit.seq' };

/** Re-hashes a scope's chain from the stored bytes and reports the first bad link. */
export async function verifyAuditChain(db: Executor, scope: string): Promise<AuditCheck> {
	const rows = await db
		.select()
		.from(auditLog)
		.where(eq(auditLog.scope, scope))
		.orderBy(asc(auditLog.seq));
	let prev = ZERO;
	for (const [i, r] of rows.entries()) {
		if (r.seq !== i) return { ok: false, seq: i, code: 'audit.seq' };
		if (r.prev !== prev || JSON.parse(r.body).prev !== prev)
			return { ok: false, seq: i, code: 'audit.prev' };
		if (sha256Hex(r.body) !== r.hash) return { ok: false, seq: i, code: 'audit.hash' };
		prev = r.hash;
	}
	return { ok: true, length: rows.length };
}

/** The latest events of a scope, newest first. */
export function recentAudit(db: Executor, scope: string, limit = 50) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.scope, scope)))
		.orderBy(desc(auditLog.seq))
		.limit(limit);
}
