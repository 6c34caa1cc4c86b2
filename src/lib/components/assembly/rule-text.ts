import { isSpecialMatter } from '$lib/domain/assembly/rules';
import type { Translate } from '$lib/i18n';

/** The legal name of a matter of 《民法典》第278条, e.g. "（六）筹集…维修资金". */
export function matterText(t: Translate, matter: number): string {
	return t(`assembly:matter.${matter}`);
}

/** The threshold of an item in words: the 2/3 participation rule, then what passes it. */
export function ruleText(
	t: Translate,
	item: { type: 'resolution' | 'election'; matter: number }
): string {
	const pass =
		item.type === 'election'
			? t('assembly:threshold.election')
			: isSpecialMatter(item.matter)
				? t('assembly:threshold.special')
				: t('assembly:threshold.ordinary');
	return t('assembly:threshold.rule', {
		participation: t('assembly:threshold.participation'),
		pass
	});
}

/** Share of party members among candidates, as a whole percent. */
export function partyPercent(members: number, total: number): number {
	return total === 0 ? 0 : Math.round((members * 100) / total);
}
