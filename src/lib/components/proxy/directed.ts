import type { Item } from '$lib/domain/record/types';

type T = (key: string, vars?: Record<string, unknown>) => string;

/** An owner's direction in words: the resolution's choice, or the election's candidates by name. */
export function directedText(t: T, item: Item, c: unknown): string {
	if (item.type === 'resolution' || c === 'spoiled') return t(`ballot:choice.${c}`);
	const names = (c as string[]).map((id) => item.candidates.find((x) => x.id === id)?.name ?? id);
	return names.length ? names.join('、') : t('proxy:form.electionNone');
}
