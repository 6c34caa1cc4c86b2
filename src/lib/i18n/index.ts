import i18next, { type TOptions } from 'i18next';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
	eager: true,
	import: 'default'
});
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
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

export function isLocale(x: unknown): x is Locale {
	return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

export type Translate = (key: string, options?: TOptions) => string;

/** A translator bound to one locale; keys are `ns:key`, the default namespace is `common`. */
export function translator(locale: Locale): Translate {
	const t = i18n.getFixedT(locale);
	return (key, options) => (t as (k: string, o?: TOptions) => string)(key, options);
}
