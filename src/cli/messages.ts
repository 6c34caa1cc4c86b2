import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addMessages, LOCALES } from '../lib/i18n';

/** The CLI runs outside Vite (no import.meta.glob): load the UI strings from the source tree. */
export function loadMessages(
	root = path.resolve(import.meta.dirname, '../lib/i18n/locales')
): void {
	for (const locale of LOCALES) {
		const dir = path.join(root, locale);
		const bundles = Object.fromEntries(
			readdirSync(dir)
				.filter((f) => f.endsWith('.json'))
				.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8'))])
		);
		addMessages(locale, bundles);
	}
}
