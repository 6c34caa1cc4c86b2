import type { Item } from '../record/types';

/** What an owner may choose on a resolution online; "spoiled" exists only for paper ballots. */
export const ONLINE_CHOICES = ['for', 'against', 'abstain'] as const;
export type OnlineChoice = (typeof ONLINE_CHOICES)[number];

export interface ItemIndex {
	items: Map<string, Item>;
	candidates: Map<string, Set<string>>;
}

/** Items and their candidate ids by id, for checking millions of ballots. */
export function indexItems(items: readonly Item[]): ItemIndex {
	const index: ItemIndex = { items: new Map(), candidates: new Map() };
	for (const item of items) {
		index.items.set(item.id, item);
		if (item.type === 'election') {
			index.candidates.set(item.id, new Set(item.candidates.map((c) => c.id)));
		}
	}
	return index;
}

/**
 * Why a ballot's choices are invalid, or null: a resolution takes for/against/abstain/spoiled, an
 * election distinct known candidates, at most `seats`, or "spoiled" — docs/record-format.md
 * § Choices.
 */
export function choicesProblem(choices: unknown, index: ItemIndex): string | null {
	if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
		return 'choices is not an object';
	}
	// for…in walks the own keys without allocating an array; parsed JSON has no inherited ones.
	for (const id in choices) {
		const item = index.items.get(id);
		const c = (choices as Record<string, unknown>)[id];
		if (!item) return `choice for unknown item ${JSON.stringify(id)}`;
		if (item.type === 'resolution') {
			// Plain comparisons: a million ballots' worth of Set lookups costs more.
			if (c !== 'for' && c !== 'against' && c !== 'abstain' && c !== 'spoiled')
				return `item ${id}: ${JSON.stringify(c)} is not a choice`;
			continue;
		}
		if (c === 'spoiled') continue;
		if (!Array.isArray(c)) return `item ${id}: ${JSON.stringify(c)} is not a list of candidates`;
		if (c.length > item.seats)
			return `item ${id}: names ${c.length} candidates for ${item.seats} seats`;
		const known = index.candidates.get(id)!;
		for (let i = 0; i < c.length; i++) {
			const x = c[i];
			if (!known.has(x)) return `item ${id}: unknown candidate ${JSON.stringify(x)}`;
			// The first earlier equal one, as indexOf would find it; lists are at most `seats` long.
			for (let j = 0; j < i; j++) if (c[j] === x) return `item ${id}: candidate ${x} named twice`;
		}
	}
	return null;
}
