import { getContext, setContext } from 'svelte';
import { translator, type Locale, type Translate } from './index';

const KEY = Symbol('i18n');

/** The root layout provides the current locale; reading it keeps translations reactive. */
export function provideLocale(getLocale: () => Locale): void {
	setContext(KEY, getLocale);
}

/** `const t = useT()` in a component; `t('login.title')`. */
export function useT(): Translate {
	const getLocale = getContext<() => Locale>(KEY);
	return (key, options) => translator(getLocale())(key, options);
}

/** The current locale, for formatting that is not a message (dates). */
export function useLocale(): () => Locale {
	return getContext<() => Locale>(KEY);
}
