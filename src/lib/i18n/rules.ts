import { ruleKind, type RuleKind } from '$lib/domain/counting/rules';
import type { Translate } from './index';

/** The legal name of a matter of 《民法典》第278条, e.g. "（六）筹集…维修资金". */
export function matterText(t: Translate, matter: number): string {
	return t(`assembly:matter.${matter}`);
}

/** The threshold of a rule kind in words: the 2/3 participation line, then the pass line. */
export function thresholdText(t: Translate, rule: RuleKind): string {
	return t('assembly:threshold.rule', {
		participation: t('assembly:threshold.participation'),
		pass: t(`assembly:threshold.${rule}`)
	});
}

/** The threshold of an item in words (same text on the notice PDF, the pages and the ballot). */
export function ruleText(
	t: Translate,
	item: { type: 'resolution' | 'election'; matter?: number }
): string {
	return thresholdText(t, ruleKind(item));
}

/** Only the pass line of a resolution matter ("more than half…" / "three quarters…"). */
export function passText(t: Translate, matter: number): string {
	return t(`assembly:threshold.${ruleKind({ type: 'resolution', matter })}`);
}
