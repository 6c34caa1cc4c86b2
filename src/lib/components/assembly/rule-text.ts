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

/** "2026年3月1日 09:00" in Beijing time, for the UI and the notice alike. */
export function beijingTime(d: Date | string): string {
	const ms = new Date(d).getTime() + 8 * 3600_000;
	const b = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}`;
}

/** Share of party members among candidates, as a whole percent. */
export function partyPercent(members: number, total: number): number {
	return total === 0 ? 0 : Math.round((members * 100) / total);
}

/** A `datetime-local` value ("2026-03-21T09:00") for a moment, in Beijing time. */
export function toBeijingInput(d: Date | string): string {
	return new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
