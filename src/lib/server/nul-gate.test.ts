import { describe, expect, it } from 'vitest';
import { nulIn } from './nul-gate';

const at = (path: string, init: RequestInit = {}, params: Record<string, string> = {}) => {
	const url = new URL(path, 'http://localhost');
	return { request: new Request(url, init), url, params };
};

describe('nulIn', () => {
	it('finds a NUL in a route parameter and in the query string', async () => {
		expect(await nulIn(at('/owner/assemblies/x', {}, { assemblyId: 'a\u0000b' }))).toBe('path');
		expect(await nulIn(at('/staff?page=%00'))).toBe('query');
		expect(await nulIn(at('/staff?x%00=1'))).toBe('query');
	});

	it('finds a NUL in a multipart field, its name or a file name, but not in file bytes', async () => {
		const form = (build: (f: FormData) => void) => {
			const f = new FormData();
			build(f);
			return at('/login', { method: 'POST', body: f });
		};
		expect(await nulIn(form((f) => f.append('login', '\u0000')))).toBe('body');
		expect(await nulIn(form((f) => f.append('lo\u0000gin', 'x')))).toBe('body');
		expect(
			await nulIn(
				form((f) => f.append('file', new File([new Uint8Array([0, 1, 0])], 'a\u0000.png')))
			)
		).toBe('body');
		expect(
			await nulIn(form((f) => f.append('file', new File([new Uint8Array([0, 0, 0])], 'scan.png'))))
		).toBeNull();
		expect(await nulIn(form((f) => f.append('login', '张三 owner1')))).toBeNull();
	});

	it('finds %00 in a urlencoded body and \\u0000 or a raw NUL in JSON', async () => {
		const post = (body: string, type: string) =>
			at('/x', { method: 'POST', body, headers: { 'content-type': type } });
		const urlencoded = 'application/x-www-form-urlencoded';
		expect(await nulIn(post('login=a%00b', urlencoded))).toBe('body');
		expect(await nulIn(post('login=a%2500b', urlencoded))).toBeNull();
		expect(await nulIn(post('{"k":"\\u0000"}', 'application/json'))).toBe('body');
		expect(await nulIn(post('{"k":"\u0000"}', 'application/json'))).toBe('body');
		expect(await nulIn(post('{"k":"for","e":["c1"]}', 'application/json'))).toBeNull();
	});

	it('leaves the body readable for the handler', async () => {
		const e = at('/x', {
			method: 'POST',
			body: 'a=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(await nulIn(e)).toBeNull();
		expect((await e.request.formData()).get('a')).toBe('1');
	});
});
