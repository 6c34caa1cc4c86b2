import type { Locale } from '$lib/i18n';

/** Times as the estate's owners read them: China Standard Time, whatever the server's zone. */
export function formatTime(d: Date | null, locale: Locale): string {
	if (!d) return '';
	return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(d);
}
