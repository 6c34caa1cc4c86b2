import type { Translate as T } from '$lib/i18n';

/** A part of the result the verifier names ("items.r1", "participation") in words. */
export function partName(t: T, part: string, itemTitles: Record<string, string>): string {
	if (part.startsWith('items.')) {
		const id = part.slice(6);
		return itemTitles[id] ? `${id} ${itemTitles[id]}` : id;
	}
	return t(`announcement:part.${part}`, { defaultValue: part });
}
