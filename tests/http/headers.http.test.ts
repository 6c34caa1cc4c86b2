import { expect, it } from 'vitest';
import { useBuiltServer } from '../support/built-server';

// The Content-Security-Policy of real page responses from the built server (#6).
const built = useBuiltServer();

function directives(header: string | null): Map<string, string[]> {
	const m = new Map<string, string[]>();
	for (const part of (header ?? '').split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) m.set(name, values);
	}
	return m;
}

it('#6 pages carry a script policy by nonce, without unsafe-inline; every inline script has the nonce', async () => {
	for (const path of ['/', '/login', '/verify', '/assemblies/a-jinse-2026-1/ledger']) {
		const res = await fetch(`${built().origin}${path}`);
		expect(res.status, path).toBe(200);
		const csp = directives(res.headers.get('content-security-policy'));
		const script = csp.get('script-src')!;
		expect(script, path).toContain("'self'");
		expect(script, path).not.toContain("'unsafe-inline'");
		expect(
			script.filter((v) => v.startsWith("'unsafe-eval'")),
			path
		).toEqual([]);
		const nonce = script.find((v) => /^'(nonce|sha256)-/.test(v));
		expect(nonce, path).toBeTruthy();
		expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
		expect(csp.get('object-src'), path).toEqual(["'none'"]);
		const html = await res.text();
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
		expect(inline.length, path).toBeGreaterThan(0);
		for (const attrs of inline) expect(attrs, path).toContain(`nonce="${nonce!.slice(7, -1)}"`);
	}
	// Two responses never share a nonce.
	const a = directives(
		(await fetch(`${built().origin}/login`)).headers.get('content-security-policy')
	);
	const b = directives(
		(await fetch(`${built().origin}/login`)).headers.get('content-security-policy')
	);
	expect(a.get('script-src')).not.toEqual(b.get('script-src'));
});
