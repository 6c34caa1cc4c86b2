/**
 * PostgreSQL text cannot hold U+0000: a NUL that reaches a query as a parameter fails it (error
 * 22021) and the request would end in a 500. No field of this application has a use for it, so
 * the request hook refuses any request that carries one — in a route parameter, the query string
 * or a form or JSON body — before a handler runs. Found by the form fuzzer's release run.
 */

const NUL = '\u0000';

export type NulPlace = 'path' | 'query' | 'body';

const has = (s: string) => s.includes(NUL);

/** A form or JSON body that carries a NUL anywhere a handler could read it as text. */
async function bodyHasNul(request: Request): Promise<boolean> {
	if (!request.body) return false;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		let form: FormData;
		try {
			form = await request.clone().formData();
		} catch {
			return false; // not a form after all: the handler answers that
		}
		for (const [key, value] of form)
			if (has(key) || (typeof value === 'string' ? has(value) : has(value.name))) return true;
		return false;
	}
	const text = await request.clone().text();
	if (has(text)) return true;
	// urlencoded %00, JSON \u0000 (a doubled backslash before it is refused too: no field needs it)
	if (type.startsWith('application/x-www-form-urlencoded')) return /%00/i.test(text);
	return /\\u0000/i.test(text);
}

/** Where the request carries a NUL, or null when it carries none. */
export async function nulIn(event: {
	request: Request;
	url: URL;
	params: Partial<Record<string, string>>;
}): Promise<NulPlace | null> {
	if (Object.values(event.params).some((v) => v !== undefined && has(v))) return 'path';
	for (const [k, v] of event.url.searchParams) if (has(k) || has(v)) return 'query';
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD')
		if (await bodyHasNul(event.request)) return 'body';
	return null;
}
