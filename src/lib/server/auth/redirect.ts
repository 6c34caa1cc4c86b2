const BASE = 'http://gongyi.invalid';

/**
 * A `next` parameter only ever leads to a path on this site: one leading slash, no second slash
 * or backslash after it (browsers read `/\evil` as `//evil`), no scheme, no control characters,
 * and the same after percent-decoding. Anything else gives null.
 */
export function safeNext(next: string | null | undefined): string | null {
	if (typeof next !== 'string' || next.length > 2000) return null;
	let probe = next;
	for (let i = 0; i < 3; i++) {
		if (!/^\/(?![/\\])/.test(probe) || /\\/.test(probe) || hasControl(probe)) return null;
		let decoded: string;
		try {
			decoded = decodeURIComponent(probe);
		} catch {
			return null;
		}
		if (decoded === probe) break;
		probe = decoded;
	}
	const url = new URL(next, BASE);
	if (url.origin !== BASE) return null;
	return url.pathname + url.search + url.hash;
}

function hasControl(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || c === 0x7f) return true;
	}
	return false;
}
