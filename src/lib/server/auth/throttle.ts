import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { throttle } from '../db/schema';

export interface Limit {
	key: string;
	/** Failures allowed within the window. */
	max: number;
	windowMs: number;
	/**
	 * With a delay, reaching `max` is not a lockout: each further attempt waits `baseMs` after the
	 * latest failure, doubling with every failure up to `capMs`, so an attacker can slow an account
	 * down but never shut its owner out for longer than the cap.
	 */
	delay?: { baseMs: number; capMs: number };
}

/** How long a limit still holds: 0 when an attempt may go ahead. */
function waitOf(l: Limit, row: typeof throttle.$inferSelect | undefined, now: Date): number {
	if (!row || now.getTime() - row.windowStart.getTime() >= l.windowMs || row.failures < l.max)
		return 0;
	if (!l.delay) return row.windowStart.getTime() + l.windowMs - now.getTime();
	const over = row.failures - l.max;
	const delay = Math.min(l.delay.capMs, l.delay.baseMs * 2 ** Math.min(over, 30));
	const last = (row.lastAt ?? row.windowStart).getTime();
	return Math.max(0, last + delay - now.getTime());
}

/** The longest wait any of the limits imposes now, in ms (0: go ahead). */
export async function throttleWait(
	db: Executor,
	limits: Limit[],
	now = new Date()
): Promise<number> {
	let wait = 0;
	for (const l of limits) {
		const [row] = await db.select().from(throttle).where(eq(throttle.key, l.key));
		wait = Math.max(wait, waitOf(l, row, now));
	}
	return wait;
}

/** True when any limit holds now. */
export async function isThrottled(
	db: Executor,
	limits: Limit[],
	now = new Date()
): Promise<boolean> {
	return (await throttleWait(db, limits, now)) > 0;
}

/** Whole minutes to tell the user (at least 1). */
export const waitMinutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

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
			.values({ key: l.key, failures: 1, windowStart: now, lastAt: now })
			.onConflictDoUpdate({
				target: throttle.key,
				set: {
					failures: sql`case when ${throttle.windowStart} < ${cutoff} then 1 else ${throttle.failures} + 1 end`,
					windowStart: sql`case when ${throttle.windowStart} < ${cutoff} then ${at} else ${throttle.windowStart} end`,
					lastAt: at
				}
			});
	}
}

export async function clearFailures(db: Executor, limits: Limit[]): Promise<void> {
	for (const l of limits) await db.delete(throttle).where(eq(throttle.key, l.key));
}

const MINUTE = 60_000;

/**
 * Password logins. Per account, across every address: after 5 failures in a day each attempt
 * waits 2 s, then 4 s, 8 s … up to 5 minutes (the correct password is not even checked while
 * waiting). Per address, loosely (an estate's residents may share one): 100 failures per 15
 * minutes. A success clears the account's counter, never the address's.
 */
export function loginLimits(login: string, ip: string): Limit[] {
	return [
		{ key: `login:ip:${ip}`, max: 100, windowMs: 15 * MINUTE },
		{
			key: `login:acct:${login.toLowerCase()}`,
			max: 5,
			windowMs: 24 * 60 * MINUTE,
			delay: { baseMs: 2_000, capMs: 5 * MINUTE }
		}
	];
}
