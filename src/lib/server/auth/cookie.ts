/** Cookies are Secure whenever the public origin is https, whatever NODE_ENV says. */
export function secureCookies(origin = process.env.ORIGIN): boolean {
	return !!origin && origin.trim().toLowerCase().startsWith('https:');
}

/** httpOnly, SameSite=Lax, Secure when ORIGIN is https (plain http on localhost for the demo). */
export function sessionCookieOptions(expires: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: secureCookies(),
		expires
	};
}
