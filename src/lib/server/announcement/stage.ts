/**
 * Where a counted result stands: counted (not yet announced), announced for objections (公示),
 * waiting for answers to open objections after the period, final (结果确认), or disputed when
 * the street's latest recount did not reproduce the stored result.
 */
export type ResultStage = 'counted' | 'announcement' | 'objections' | 'final' | 'disputed';

export interface StageInput {
	announced: { objectionsUntil: Date } | null;
	openObjections: number;
	lastRecount: 'same' | 'different' | 'invalid' | null;
	now: Date;
}

/** The result is final when the period has ended with no open objection and no failed recount. */
export function resultStage(s: StageInput): ResultStage {
	if (!s.announced) return 'counted';
	if (s.lastRecount === 'different' || s.lastRecount === 'invalid') return 'disputed';
	if (s.now.getTime() < s.announced.objectionsUntil.getTime()) return 'announcement';
	return s.openObjections > 0 ? 'objections' : 'final';
}
