import type { Locale } from '$lib/i18n';
import { beijingTime } from '$lib/time';

/** Times as the estate's owners read them: Beijing time in the one format of each language. */
export function formatTime(d: Date | null, locale: Locale): string {
	return d ? beijingTime(d, locale) : '';
}
