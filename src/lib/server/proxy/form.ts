import type { Choice, Item } from '../../domain/record/types';

/**
 * An owner's directions from the authorisation form: a resolution's `item:<id>` when one is chosen;
 * an election only where `direct:<id>` is "yes", then the ticked candidates (none = abstain).
 * Items without a direction are the proxy's to decide; authoriseProxy checks the choices.
 */
export function directionsFromForm(form: FormData, items: readonly Item[]): Record<string, Choice> {
	const out: Record<string, Choice> = {};
	for (const item of items) {
		const values = form.getAll(`item:${item.id}`).map(String).filter(Boolean);
		if (item.type === 'resolution') {
			if (values.length) out[item.id] = values[0] as Choice;
		} else if (form.get(`direct:${item.id}`) === 'yes') out[item.id] = values;
	}
	return out;
}
