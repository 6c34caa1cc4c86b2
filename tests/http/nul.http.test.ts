import { expect, it } from 'vitest';
import { useBuiltServer } from '../support/built-server';

// A NUL in a form field, the query string or a path reached PostgreSQL as a text parameter and
// failed the query (22021): a 500 (found by the form fuzzer's release run). The request hook now
// refuses it in words before any handler runs.
const built = useBuiltServer();

it('refuses a NUL in a login form, a query string or a path, in words, never with a 500', async () => {
	const login = await fetch(`${built().origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: built().origin,
			'content-type': 'application/x-www-form-urlencoded',
			cookie: 'lang=zh'
		},
		body: 'login=owner1%00&password=gongyi2026'
	});
	expect(login.status).toBe(400);
	expect(await login.text()).toContain('空字符');

	const form = new FormData();
	form.append('login', '\u0000');
	form.append('password', 'x');
	const multipart = await fetch(`${built().origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: built().origin, cookie: 'lang=en' },
		body: form
	});
	expect(multipart.status).toBe(400);
	expect(await multipart.text()).toContain('NUL');

	const query = await fetch(`${built().origin}/verify?receipt=%00`, { redirect: 'manual' });
	expect(query.status).toBe(400);
	const path = await fetch(`${built().origin}/assemblies/a%00b/ledger`, { redirect: 'manual' });
	expect(path.status).toBe(404);
	// an ordinary login attempt still reaches the handler
	const plain = await fetch(`${built().origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: built().origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: 'login=nobody&password=wrong-password'
	});
	expect(plain.status).toBeLessThan(500);
	expect(plain.status).not.toBe(400);
});
