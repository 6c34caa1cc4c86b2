import { afterEach, describe, expect, it } from 'vitest';
import { secureCookies, sessionCookieOptions } from '../../src/lib/server/auth/cookie';
import { safeNext } from '../../src/lib/server/auth/redirect';

describe('#3 open redirect: only same-origin paths', () => {
	const offSite = [
		'//evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'https://evil.example',
		'javascript:alert(1)',
		'/%2F%2Fevil.example',
		'/%5Cevil.example',
		'/%252F%252Fevil.example',
		'/\t/evil.example',
		'/%09/evil.example',
		'evil.example',
		'',
		' /x'
	];
	it.each(offSite)('refuses %j', (next) => expect(safeNext(next)).toBeNull());
	it.each([
		['/owner', '/owner'],
		['/owner/assemblies/a-1?x=1#top', '/owner/assemblies/a-1?x=1#top'],
		['/verify?hash=%2Fab', '/verify?hash=%2Fab']
	])('keeps %j', (next, want) => expect(safeNext(next)).toBe(want));
});

describe('#7 the session cookie is Secure when ORIGIN is https', () => {
	const saved = { ORIGIN: process.env.ORIGIN, NODE_ENV: process.env.NODE_ENV };
	afterEach(() => {
		process.env.ORIGIN = saved.ORIGIN;
		process.env.NODE_ENV = saved.NODE_ENV;
	});
	it('https origin without NODE_ENV=production', () => {
		process.env.ORIGIN = 'https://vote.example.cn';
		process.env.NODE_ENV = 'development';
		expect(sessionCookieOptions(new Date()).secure).toBe(true);
	});
	it('plain http on localhost stays usable', () => {
		expect(secureCookies('http://localhost:3000')).toBe(false);
		expect(secureCookies('HTTPS://Vote.example.cn')).toBe(true);
	});
});
