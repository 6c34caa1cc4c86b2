import { redactError } from '../log';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assembly, paperRule } from '../db/schema';
import { makeCheckpoint } from './checkpoints';
import { closeAssembly } from './lifecycle';
import { confirmDue } from '../announcement/announce';

const TICK_MS = 30_000;
const CHECKPOINT_EVERY_MS = 2 * 60_000;

/**
 * How often an open ledger that grew gets a signed checkpoint: GONGYI_CHECKPOINT_SECONDS (5 to
 * 3600), else every 2 minutes. An owner's receipt is provable against a checkpoint only once one
 * covers it, so a busy meeting may want it sooner.
 */
export function checkpointEveryMs(value = process.env.GONGYI_CHECKPOINT_SECONDS): number {
	if (value === undefined || value.trim() === '') return CHECKPOINT_EVERY_MS;
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds < 5 || seconds > 3600)
		throw new Error(
			`GONGYI_CHECKPOINT_SECONDS must be a whole number of seconds from 5 to 3600, not "${value}"`
		);
	return seconds * 1000;
}

/**
 * Written votes whose close entry is due. Paper received by the deadline may be entered for a set
 * period after it (paper_rule): the close entry waits for that period to end.
 */
export function dueToClose(db: Db, now: Date): Promise<{ id: string }[]> {
	return db
		.select({ id: assembly.id })
		.from(assembly)
		.leftJoin(paperRule, eq(paperRule.assemblyId, assembly.id))
		.where(
			and(
				eq(assembly.state, 'open'),
				eq(assembly.form, 'written'),
				sql`${assembly.closesAt} + make_interval(mins => coalesce(${paperRule.lateMinutes}, 0)) <= ${now.toISOString()}::timestamptz`
			)
		);
}

/**
 * While an assembly is open: a signed checkpoint every few minutes when the tree grew, and the
 * close entry as soon as a written vote's window ends; a published result is confirmed once its
 * announcement period ends with no open objection. Safe on several nodes: closing and
 * checkpointing are idempotent under the ledger lock.
 */
export function startLedgerTimers(db: Db, everyMs = checkpointEveryMs()): () => void {
	let last = 0;
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			const now = new Date();
			const due = await dueToClose(db, now);
			for (const a of due) await closeAssembly(db, a.id, null, now);
			await confirmDue(db, now);
			if (now.getTime() - last >= everyMs) {
				last = now.getTime();
				const open = await db
					.select({ id: assembly.id })
					.from(assembly)
					.where(eq(assembly.state, 'open'));
				for (const a of open) await makeCheckpoint(db, a.id, now);
			}
		} catch (e) {
			console.error('[ledger] timer failed', redactError(e));
		} finally {
			running = false;
		}
	};
	const handle = setInterval(tick, Math.min(TICK_MS, everyMs));
	handle.unref();
	void tick();
	return () => clearInterval(handle);
}
