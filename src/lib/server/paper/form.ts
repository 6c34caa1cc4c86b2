import type { Choice, Item } from '../../domain/record/types';

/**
 * The choices as ticked on the entry form: `item:<id>` holds for/against/abstain/spoiled or nothing
 * for a resolution (nothing = no mark, left to the blank rule), candidate ids or "spoiled" for an
 * election (no tick = an abstention). The domain checks the result. A form that lists the items it
 * showed (`shown`) is read for those only, so a form showing one meeting item is not read as
 * abstaining on the other elections.
 */
export function choicesFromForm(form: FormData, items: readonly Item[]): Record<string, Choice> {
	const out: Record<string, Choice> = {};
	const shown = new Set(form.getAll('shown').map(String));
	for (const item of items) {
		if (shown.size && !shown.has(item.id)) continue;
		const values = form.getAll(`item:${item.id}`).map(String).filter(Boolean);
		if (item.type === 'resolution') {
			if (values.length) out[item.id] = values[0] as Choice;
		} else out[item.id] = values.includes('spoiled') ? 'spoiled' : values;
	}
	return out;
}
