import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { throttle } from '../db/schema';

export interface Limit {
	key: string;
	max: number;
	windowMs: number;
}

/**
 * Failed attempts are counted per IP and per (account, IP) pair, never per account alone, so that
 * nobody can lock another person out of their account from elsewhere.
 */
export function loginLimits(login: string, ip: string): Limit[] {
	return [
		{ key: `login:ip:${ip}`, max: 30, windowMs: 15 * 60_000 },
		{ key: `login:acct:${login.toLowerCase()}:${ip}`, max: 5, windowMs: 15 * 60_000 }
	];
}

/** True when any limit is exhausted within its window. */
export async function isThrottled(
	db: Executor,
	limits: Limit[],
	now = new Date()
): Promise<boolean> {
	for (const l of limits) {
		const [row] = await db.select().from(throttle).where(eq(throttle.key, l.key));
		if (row && now.getTime() - row.windowStart.getTime() < l.windowMs && row.failures >= l.max)
			return true;
	}
	return false;
}

export async function recordFailure(
	db: Executor,
	limits: Limit[],
	now = new Date()
): Promise<void> {
	for (const l of limits) {
		// Raw SQL parameters are passed as ISO text: postgres.js does not serialise a Date there.
		const cutoff = sql`${new Date(now.getTime() - l.windowMs).toISOString()}::timestamptz`;
		const at = sql`${now.toISOString()}::timestamptz`;
		await db
			.insert(throttle)
			.values({ key: l.key, failures: 1, windowStart: now })
			.onConflictDoUpdate({
				target: throttle.key,
				set: {
					failures: sql`case when ${throttle.windowStart} < ${cutoff} then 1 else ${throttle.failures} + 1 end`,
					windowStart: sql`case when ${throttle.windowStart} < ${cutoff} then ${at} else ${throttle.windowStart} end`
				}
			});
	}
}

export async function clearFailures(db: Executor, limits: Limit[]): Promise<void> {
	for (const l of limits) await db.delete(throttle).where(eq(throttle.key, l.key));
}
