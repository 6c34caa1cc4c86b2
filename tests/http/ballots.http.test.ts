import { readFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { useBuiltServer } from '../support/built-server';

// POST /api/assemblies/:id/ballots through real HTTP: the built server (node build/server.js)
// with the demo estate, its hooks, session cookies and adapter-node's request handling.
const OPEN = 'a-jinse-2026-2';
const PUBLISHED = 'a-jinse-2026-1';
const PASSWORD = 'gongyi2026';
const TOTP_SECRET = 'GONGYIDEMOTOTPSECRETJINSEJIAYUAN';
const choices = { r1: 'for', r2: 'against', r3: 'abstain' };
const zh = JSON.parse(readFileSync('src/lib/i18n/locales/zh/ballot.json', 'utf8'));
const message = (code: string) => zh.error.ballot[code.replace(/^ballot\./, '')] as string;

const built = useBuiltServer();

/** Logs in through the login form (and the TOTP step when `totp`); returns the session cookie. */
async function logIn(login: string, totp = false): Promise<string> {
	const form = (path: string, body: Record<string, string>, cookie = '') =>
		fetch(`${built().origin}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: built().origin,
				// A browser's form post (without it SvelteKit answers the action as JSON).
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				...(cookie ? { cookie } : {})
			},
			body: new URLSearchParams(body)
		});
	const session = (res: Response) =>
		/gongyi_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
	const res = await form('/login', { login, password: PASSWORD });
	expect(res.status).toBe(303);
	let cookie = session(res);
	expect(cookie, `login ${login} set no session cookie`).toBeTruthy();
	if (totp) {
		const code = new TOTP({ secret: Secret.fromBase32(TOTP_SECRET), digits: 6, period: 30 });
		const second = await form('/login/totp', { code: code.generate() }, cookie);
		expect(second.status).toBe(303);
		expect(second.headers.get('location')).not.toMatch(/\/login/);
		// The session is rotated when the second factor passes: a new cookie, the old one void.
		const rotated = session(second);
		expect(rotated).toBeTruthy();
		expect(rotated).not.toBe(cookie);
		cookie = rotated;
	}
	return cookie!;
}

interface Post {
	cookie?: string;
	body?: string;
	origin?: string | null;
	type?: string | null;
	key?: string;
	assembly?: string;
}
async function post(p: Post) {
	const headers: Record<string, string> = {};
	const origin = p.origin === undefined ? built().origin : p.origin;
	if (origin !== null) headers.origin = origin;
	const type = p.type === undefined ? 'application/json' : p.type;
	if (type !== null) headers['content-type'] = type;
	if (p.cookie) headers.cookie = p.cookie;
	if (p.key) headers['idempotency-key'] = p.key;
	const res = await fetch(`${built().origin}/api/assemblies/${p.assembly ?? OPEN}/ballots`, {
		method: 'POST',
		headers,
		body: p.body ?? JSON.stringify({ choices })
	});
	return { status: res.status, body: await res.json() };
}
const refused = (code: string) => ({ code, message: message(code) });

describe('the ballot endpoint over HTTP (built server, demo estate)', { timeout: 120_000 }, () => {
	it('201 with the receipt; a retry with its Idempotency-Key replays it with 200; other choices under that key 422', async () => {
		const cookie = await logIn('owner1');
		const first = await post({ cookie, key: 'http-test-key-0001' });
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ assembly: OPEN, seq: expect.any(Number) });
		expect(first.body.hash).toMatch(/^[0-9a-f]{64}$/);
		const retry = await post({ cookie, key: 'http-test-key-0001' });
		expect(retry).toEqual({ status: 200, body: first.body });
		const other = await post({
			cookie,
			key: 'http-test-key-0001',
			body: JSON.stringify({ choices: { ...choices, r1: 'against' } })
		});
		expect(other).toEqual({ status: 422, body: refused('ballot.keyReused') });
		// A new ballot (a new key) is a new entry: the demo assembly counts the last one.
		const revote = await post({ cookie, key: 'http-test-key-0002' });
		expect(revote.status).toBe(201);
		expect(revote.body.seq).toBeGreaterThan(first.body.seq);
	});

	it('refuses a missing or foreign Origin with 403 and a body that is not JSON with 415', async () => {
		const cookie = await logIn('owner2');
		expect(await post({ cookie, origin: null })).toEqual({
			status: 403,
			body: refused('ballot.badOrigin')
		});
		expect(await post({ cookie, origin: 'https://evil.example' })).toEqual({
			status: 403,
			body: refused('ballot.badOrigin')
		});
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', null])
			expect(await post({ cookie, type }), String(type)).toEqual({
				status: 415,
				body: refused('ballot.badRequest')
			});
	});

	it('401 without a session and before the second factor; 403 for an account that is no owner', async () => {
		expect(await post({})).toEqual({ status: 401, body: refused('ballot.unauthorized') });
		const half = await logIn('staff');
		expect(await post({ cookie: half })).toEqual({
			status: 401,
			body: refused('ballot.unauthorized')
		});
		const staff = await logIn('staff', true);
		expect(await post({ cookie: staff })).toEqual({
			status: 403,
			body: refused('ballot.forbidden')
		});
	});

	it('400 for a body that is not a JSON object, 422 for a wrong choice, 413 far above any ballot', async () => {
		const cookie = await logIn('owner3');
		for (const body of ['{"choices":', '"for"', 'null', ''])
			expect(await post({ cookie, body }), body).toEqual({
				status: 400,
				body: refused('ballot.badRequest')
			});
		// JSON, but not a ballot: an array, no choices, a paper-only or unknown choice, an unknown item.
		const wrong = [[], {}, { choices: 'for' }, { choices: { r1: 'spoiled' } }];
		for (const c of [...wrong, { choices: { r1: 'maybe' } }, { choices: { r9: 'for' } }])
			expect(await post({ cookie, body: JSON.stringify(c) }), JSON.stringify(c)).toEqual({
				status: 422,
				body: refused('ballot.invalidChoice')
			});
		// About 40 KB, ten times this assembly's bound: refused unread (Content-Length) and, sent
		// chunked without a length, once the stream passes the bound; the answer closes the connection.
		const huge = JSON.stringify({
			choices: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 'for']))
		});
		expect(huge.length).toBeGreaterThan(36_000);
		expect(await post({ cookie, body: huge })).toEqual({
			status: 413,
			body: refused('ballot.tooLarge')
		});
		const chunked = await fetch(`${built().origin}/api/assemblies/${OPEN}/ballots`, {
			method: 'POST',
			headers: { origin: built().origin, 'content-type': 'application/json', cookie },
			body: new Blob([huge]).stream(),
			duplex: 'half'
		} as RequestInit);
		expect(chunked.headers.get('connection')).toBe('close');
		expect({ status: chunked.status, body: await chunked.json() }).toEqual({
			status: 413,
			body: refused('ballot.tooLarge')
		});
	});

	it('404 for an unknown assembly, 409 for one that has closed, 400 for a malformed key', async () => {
		const cookie = await logIn('owner4');
		expect(await post({ cookie, assembly: 'a-nope' })).toEqual({
			status: 404,
			body: refused('ballot.notFound')
		});
		expect(await post({ cookie, assembly: PUBLISHED })).toEqual({
			status: 409,
			body: refused('ballot.closed')
		});
		expect(await post({ cookie, key: 'x' })).toEqual({
			status: 400,
			body: refused('ballot.badKey')
		});
	});

	it('a refused request leaves no ballot: the next valid one takes the very next seq', async () => {
		const a = await logIn('owner5');
		const before = await post({ cookie: a, key: 'http-test-seq-0001' });
		expect(before.status).toBe(201);
		await post({ cookie: a, origin: 'https://evil.example' });
		await post({ cookie: a, type: 'text/plain' });
		await post({ cookie: a, body: JSON.stringify({ choices: { r1: 'spoiled' } }) });
		await post({ cookie: a, key: 'http-test-seq-0001', body: JSON.stringify({ choices: {} }) });
		const after = await post({ cookie: a, key: 'http-test-seq-0002' });
		expect(after.status).toBe(201);
		expect(after.body.seq).toBe(before.body.seq + 1);
	});
});
