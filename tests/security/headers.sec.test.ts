import { expect, it } from 'vitest';
import config from '../../svelte.config.js';
import { securityHeaders } from '../../src/lib/server/security-headers';

it('#6 pages refuse foreign framing, sniffing and cross-site referrers; HSTS on https', () => {
	const page = securityHeaders('/owner/assemblies/a1/vote', 'https://vote.example.cn');
	expect(page).toEqual({
		'content-security-policy': "frame-ancestors 'none'",
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'strict-transport-security': 'max-age=31536000; includeSubDomains'
	});
	// The projector view may be framed by the site itself only; plain http has no HSTS.
	expect(securityHeaders('/screen/tok', 'http://localhost:3000')).toEqual({
		'content-security-policy': "frame-ancestors 'self'",
		'x-frame-options': 'SAMEORIGIN',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin'
	});
});

it('#6 the page policy: scripts by nonce or hash, never unsafe-inline; frame-ancestors per path', () => {
	const csp = config.kit?.csp;
	expect(csp?.mode).toBe('auto');
	const d = csp!.directives!;
	expect(d['script-src']).toEqual(['self']);
	expect(d['default-src']).toEqual(['self']);
	expect(d['object-src']).toEqual(['none']);
	expect(d['base-uri']).toEqual(['self']);
	for (const [name, values] of Object.entries(d))
		if (name.startsWith('script') || name === 'default-src')
			expect(values, name).not.toContain('unsafe-inline');
	// SvelteKit's header (with its nonce) gets the path's frame-ancestors appended.
	const kit = "default-src 'self'; script-src 'self' 'nonce-abc'";
	expect(securityHeaders('/owner', 'http://x', kit)['content-security-policy']).toBe(
		`${kit}; frame-ancestors 'none'`
	);
	expect(securityHeaders('/screen/t', 'http://x', kit)['content-security-policy']).toBe(
		`${kit}; frame-ancestors 'self'`
	);
	// A download's own policy (sandboxed attachments) keeps its directives and gains the framing rule.
	expect(
		securityHeaders(
			'/assemblies/a/objections/o/attachment',
			'http://x',
			"default-src 'none'; sandbox"
		)['content-security-policy']
	).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
});
