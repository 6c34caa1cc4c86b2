import { expect, it } from 'vitest';
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
