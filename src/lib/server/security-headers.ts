import { secureCookies } from './auth/cookie';

/**
 * Headers every response carries: no framing by other sites (an owner's logged-in ballot page
 * must not sit in someone else's frame; the projector view may be framed by the site itself),
 * no MIME sniffing, the referrer only within the site, and HSTS when the public origin is https.
 *
 * A page's script policy comes from SvelteKit (`kit.csp` in svelte.config.js: nonces on rendered
 * pages); `pageCsp` is that header when present, and `frame-ancestors` is added to it, since the
 * directive depends on the path and cannot be set in svelte.config.js per route.
 */
export function securityHeaders(
	pathname: string,
	origin = process.env.ORIGIN,
	pageCsp?: string | null
) {
	const ancestors = `frame-ancestors ${isProjector(pathname) ? "'self'" : "'none'"}`;
	const headers: Record<string, string> = {
		'content-security-policy': pageCsp
			? `${pageCsp.replace(/;\s*$/, '')}; ${ancestors}`
			: ancestors,
		'x-frame-options': isProjector(pathname) ? 'SAMEORIGIN' : 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin'
	};
	if (secureCookies(origin))
		headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}

function isProjector(pathname: string) {
	return pathname.startsWith('/screen/');
}
