/** httpOnly, SameSite=Lax, Secure in production (plain http on localhost for the demo). */
export function sessionCookieOptions(expires: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: process.env.NODE_ENV === 'production' && !process.env.ORIGIN?.startsWith('http://'),
		expires
	};
}
