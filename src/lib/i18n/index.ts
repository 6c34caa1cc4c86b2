import i18next, { type TOptions } from 'i18next';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

/** Message bundles of one locale, by namespace (the file name under locales/<locale>/). */
export type Messages = Record<string, Record<string, unknown>>;

// The server holds every locale; a browser receives only its own locale's messages through the
// root layout's data, which keeps both languages' files out of every page's JavaScript.
const files: Record<string, Record<string, unknown>> = import.meta.env?.SSR
	? import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
			eager: true,
			import: 'default'
		})
	: {};
const resources: Record<string, Messages> = {};
for (const [path, messages] of Object.entries(files)) {
	const [, , lng, file] = path.split('/');
	(resources[lng] ??= {})[file.replace(/\.json$/, '')] = messages;
}

const i18n = i18next.createInstance();
void i18n.init({
	resources,
	lng: DEFAULT_LOCALE,
	fallbackLng: DEFAULT_LOCALE,
	defaultNS: 'common',
	ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
	initAsync: false,
	interpolation: { escapeValue: false },
	returnNull: false,
	showSupportNotice: false
});
const loaded = new Set<string>(
	Object.entries(resources).flatMap(([locale, bundles]) =>
		Object.keys(bundles).map((ns) => `${locale}:${ns}`)
	)
);

/** The messages of a locale (server side), to hand to the browser, without the `skip` namespaces. */
export function messagesOf(locale: Locale, skip: readonly string[] = []): Messages {
	const all = resources[locale] ?? {};
	if (skip.length === 0) return all;
	return Object.fromEntries(Object.entries(all).filter(([ns]) => !skip.includes(ns)));
}

/** Adds each namespace of a locale once (the browser, from the root layout's data). */
export function addMessages(locale: Locale, messages: Messages): void {
	for (const [ns, bundle] of Object.entries(messages)) {
		const key = `${locale}:${ns}`;
		if (loaded.has(key)) continue;
		i18n.addResourceBundle(locale, ns, bundle, true, true);
		loaded.add(key);
	}
}

export function isLocale(x: unknown): x is Locale {
	return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

export type Translate = (key: string, options?: TOptions) => string;

/** A translator bound to one locale; keys are `ns:key`, the default namespace is `common`. */
export function translator(locale: Locale): Translate {
	const t = i18n.getFixedT(locale);
	return (key, options) => (t as (k: string, o?: TOptions) => string)(key, options);
}
