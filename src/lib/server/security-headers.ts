import { secureCookies } from './auth/cookie';

/**
 * Headers every response carries: no framing by other sites (an owner's logged-in ballot page
 * must not sit in someone else's frame; the projector view may be framed by the site itself),
 * no MIME sniffing, the referrer only within the site, and HSTS when the public origin is https.
 */
export function securityHeaders(pathname: string, origin = process.env.ORIGIN) {
	const headers: Record<string, string> = {
		'content-security-policy': `frame-ancestors ${pathname.startsWith('/screen/') ? "'self'" : "'none'"}`,
		'x-frame-options': pathname.startsWith('/screen/') ? 'SAMEORIGIN' : 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin'
	};
	if (secureCookies(origin))
		headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}
