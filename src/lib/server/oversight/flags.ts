import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { BallotEntry } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assembly, assemblyVoter, auditLog, ballotOrigin, checkpoint } from '../db/schema';
import { loadLedger } from '../ledger/store';

const HOUR = 3_600_000;
/** Ballots from one network address within the window that make a flag. */
export const BURST = { ballots: 5, windowMs: 10 * 60_000 };
/** Roll edits this long before opening are flagged. */
export const ROLL_EDIT_MS = 48 * HOUR;
/** Ballots appended but not covered by a signed checkpoint for this long are flagged. */
export const CHECKPOINT_GAP_MS = 6 * HOUR;
/**
 * Online ballots within one window that make a turnout jump: at least `share` of the roll's owners
 * and at least `minBallots` (so a small estate's ordinary morning is not flagged).
 */
export const TURNOUT_JUMP = { windowMs: 60 * 60_000, share: 0.2, minBallots: 10 };
const ROLL_ACTIONS = ['roll.import', 'unit.update', 'owner.update', 'roll.countedKinds'];

export type Flag =
	| { code: 'addressBurst'; count: number; minutes: number }
	| { code: 'rollEditBeforeOpen'; count: number; hours: number }
	| { code: 'checkpointGap'; hours: number }
	| { code: 'paperAfterClose'; count: number }
	| { code: 'turnoutJump'; count: number; minutes: number; percent: number };

/** The most ballots within any `windowMs` among sorted times. */
function maxInWindow(times: number[], windowMs: number): number {
	let best = 0;
	for (let i = 0, j = 0; j < times.length; j++) {
		while (times[j] - times[i] > windowMs) i++;
		best = Math.max(best, j - i + 1);
	}
	return best;
}

/** Situations the street should look at, each explained on the console in one sentence. */
export async function anomalyFlags(db: Executor, assemblyId: string): Promise<Flag[]> {
	const [a] = await db.select().from(assembly).where(eq(assembly.id, assemblyId));
	if (!a) return [];
	const flags: Flag[] = [];
	const origins = await db
		.select({ address: ballotOrigin.addressHash, at: ballotOrigin.at })
		.from(ballotOrigin)
		.where(eq(ballotOrigin.assemblyId, assemblyId))
		.orderBy(asc(ballotOrigin.addressHash), asc(ballotOrigin.at));
	const byAddress = new Map<string, number[]>();
	for (const o of origins)
		(byAddress.get(o.address) ?? byAddress.set(o.address, []).get(o.address)!).push(o.at.getTime());
	const burst = Math.max(0, ...[...byAddress.values()].map((t) => maxInWindow(t, BURST.windowMs)));
	if (burst >= BURST.ballots)
		flags.push({ code: 'addressBurst', count: burst, minutes: BURST.windowMs / 60_000 });

	const ledger = await loadLedger(db, assemblyId);
	const open = ledger.find((e) => e.type === 'open');
	if (open) {
		const openedAt = new Date(open.at);
		const edits = await db
			.select({ seq: auditLog.seq })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.scope, a.estateId),
					inArray(auditLog.action, ROLL_ACTIONS),
					gte(auditLog.at, new Date(openedAt.getTime() - ROLL_EDIT_MS)),
					lt(auditLog.at, openedAt)
				)
			);
		if (edits.length)
			flags.push({ code: 'rollEditBeforeOpen', count: edits.length, hours: ROLL_EDIT_MS / HOUR });
	}

	// Each ballot should be under a signed checkpoint soon: the time from a ballot to the first
	// checkpoint covering it (or to now / the last checkpoint) is the gap.
	const cps = await db
		.select({ size: checkpoint.treeSize, at: checkpoint.at })
		.from(checkpoint)
		.where(eq(checkpoint.assemblyId, assemblyId))
		.orderBy(asc(checkpoint.treeSize));
	let gap = 0;
	for (const e of ledger) {
		if (e.type !== 'ballot') continue;
		const cover = cps.find((c) => c.size > e.seq);
		if (cover) gap = Math.max(gap, cover.at.getTime() - new Date(e.at).getTime());
	}
	if (gap > CHECKPOINT_GAP_MS) flags.push({ code: 'checkpointGap', hours: Math.round(gap / HOUR) });

	const late = ledger.filter(
		(e): e is BallotEntry =>
			e.type === 'ballot' && e.channel === 'paper' && new Date(e.at) > a.closesAt
	);
	if (late.length) flags.push({ code: 'paperAfterClose', count: late.length });

	// Paper and proxy ballots are entered in batches by staff; a jump is about online ballots.
	const online = ledger
		.filter((e): e is BallotEntry => e.type === 'ballot' && e.channel === 'online')
		.map((e) => new Date(e.at).getTime())
		.sort((x, y) => x - y);
	const peak = maxInWindow(online, TURNOUT_JUMP.windowMs);
	if (peak >= TURNOUT_JUMP.minBallots) {
		const [{ voters }] = await db
			.select({ voters: count() })
			.from(assemblyVoter)
			.where(eq(assemblyVoter.assemblyId, assemblyId));
		if (voters > 0 && peak >= TURNOUT_JUMP.share * voters)
			flags.push({
				code: 'turnoutJump',
				count: peak,
				minutes: TURNOUT_JUMP.windowMs / 60_000,
				percent: Math.round((100 * peak) / voters)
			});
	}
	return flags;
}
