/** The form field an error message belongs to; null for errors of the whole form. */
export function errorField(message: string | undefined | null): string | null {
	if (!message) return null;
	const code = message.replace(/^registration:/, '');
	const fields: Record<string, string> = {
		'account.loginInvalid': 'login',
		'account.loginTaken': 'login',
		'account.nameEmpty': 'name',
		'account.passwordShort': 'password',
		'registration.codeInvalid': 'code',
		'registration.mismatch': 'certificate',
		'registration.unitUnknown': 'unitLabel',
		'upload.missing': 'certificate',
		'upload.size': 'certificate',
		'upload.type': 'certificate'
	};
	return fields[code] ?? null;
}
