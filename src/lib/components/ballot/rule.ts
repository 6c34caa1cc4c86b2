import type { Translate } from '$lib/i18n';

export type RuleKind = 'ordinary' | 'special' | 'election';

/** The threshold an item must pass, in words: the 2/3 participation line, then the pass line. */
export function thresholdText(t: Translate, rule: RuleKind): string {
	return t('assembly:threshold.rule', {
		participation: t('assembly:threshold.participation'),
		pass: t(`assembly:threshold.${rule}`)
	});
}

export const RESOLUTION_CHOICES = ['for', 'against', 'abstain'] as const;
export type ResolutionPick = (typeof RESOLUTION_CHOICES)[number];
