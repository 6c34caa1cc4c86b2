/** A use-case code → its i18n key: account codes live in `common`, the rest in `registration`. */
export function messageKey(code: string): string {
	return code.startsWith('account.') ? code : `registration:${code}`;
}
