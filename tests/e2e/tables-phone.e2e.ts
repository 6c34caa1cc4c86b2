import { expect, test, type Page } from '@playwright/test';
import { logIn, open } from './helpers';

/**
 * At 390 px no table header or cell is squeezed to one character a line ("面/积", "共/有/人/代/表")
 * or narrower than two CJK characters, and "m²" never starts a line away from its number. Measured
 * from the rendered text: the box of each character, grouped into lines by their tops.
 */

/** Runs in the page: one line per problem found. */
function layoutProblems(): string[] {
	const found: string[] = [];
	const cjk = /[\u3400-\u9fff]/;
	const box = (node: Text, i: number) => {
		const r = document.createRange();
		r.setStart(node, i);
		r.setEnd(node, i + 1);
		return r.getBoundingClientRect();
	};
	const clipped = (el: Element | null) => {
		for (let a = el; a; a = a.parentElement) {
			const cs = getComputedStyle(a);
			if (cs.clipPath !== 'none' || cs.clip !== 'auto') return true;
		}
		return false;
	};
	const textNodes = (root: Node) => {
		const nodes: Text[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
		return nodes;
	};
	for (const cell of document.querySelectorAll('main table th, main table td')) {
		if (!cell.checkVisibility() || clipped(cell)) continue;
		const text = (cell.textContent ?? '').replace(/\s+/g, '');
		if (text.length < 2) continue;
		const lines: { top: number; text: string }[] = [];
		for (const node of textNodes(cell)) {
			const s = node.data;
			for (let i = 0; i < s.length; i++) {
				if (/\s/.test(s[i])) continue;
				const b = box(node, i);
				if (b.width === 0 && b.height === 0) continue;
				const line = lines.find((l) => Math.abs(l.top - b.top) < 4);
				if (line) line.text += s[i];
				else lines.push({ top: b.top, text: s[i] });
			}
		}
		if (lines.length > 1 && lines.some((l) => l.text.length === 1 && cjk.test(l.text)))
			found.push(`"${lines.map((l) => l.text).join('/')}" breaks one character a line`);
		const width = cell.getBoundingClientRect().width;
		if (cjk.test(text) && width < 2 * parseFloat(getComputedStyle(cell).fontSize))
			found.push(`"${text}" is ${Math.round(width)} px wide`);
	}
	for (const node of textNodes(document.querySelector('main') ?? document.body)) {
		const s = node.data;
		for (let i = s.indexOf('m²'); i >= 0; i = s.indexOf('m²', i + 1)) {
			if (!node.parentElement?.checkVisibility() || clipped(node.parentElement)) continue;
			let p = i - 1;
			while (p >= 0 && /\s/.test(s[p])) p--;
			if (p < 0 || !/[\d)）]/.test(s[p])) continue;
			if (box(node, i).top > box(node, p).top + 4)
				found.push(`"m²" starts a line after "${s.slice(Math.max(0, i - 10), i).trim()}"`);
		}
	}
	return found;
}

async function check(page: Page, paths: string[]) {
	const found: string[] = [];
	for (const path of paths) {
		const res = await open(page, path);
		expect(res?.status(), path).toBeLessThan(400);
		// Every table of the page is there before measuring.
		await expect(page.locator('main')).toBeVisible();
		found.push(...(await page.evaluate(layoutProblems)).map((p) => `${path}: ${p}`));
	}
	expect(found).toEqual([]);
}

test.use({ viewport: { width: 390, height: 844 } });

test('staff tables fit a phone: roll totals, units, registrations, assemblies, audit', async ({
	page
}) => {
	await logIn(page, 'staff');
	await open(page, '/staff');
	const estate = new URL(page.url()).pathname;
	expect(estate).toMatch(/^\/staff\/estates\/[^/]+$/);
	const assemblies = await page
		.locator('main a[href]')
		.evaluateAll((as) =>
			as
				.map((a) => a.getAttribute('href') ?? '')
				.filter((h) => /^\/staff\/estates\/[^/]+\/assemblies\/(?!new$)[^/]+$/.test(h))
		);
	await check(page, [
		estate,
		`${estate}/roll`,
		`${estate}/roll/units`,
		`${estate}/registrations`,
		`${estate}/audit`,
		...new Set(assemblies)
	]);
	// The units table really is read as a table with labelled cells on a phone.
	await open(page, `${estate}/roll/units`);
	const first = page.getByTestId('units-table').locator('tbody tr').first();
	await expect(first.locator('td').first()).toHaveAttribute('data-label', '房号');
});

test('street and owner tables fit a phone: console, estates, owner roll, results', async ({
	page
}) => {
	await logIn(page, 'oversight');
	await open(page, '/oversight');
	const estates = await page
		.locator('main a[href^="/oversight/estates/"]')
		.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href') ?? ''))]);
	expect(estates.length).toBeGreaterThan(0);
	await check(page, ['/oversight', ...estates]);
	await page.context().clearCookies();
	await logIn(page, 'owner1');
	await open(page, '/owner');
	const assemblies = await page
		.locator('main a[href]')
		.evaluateAll((as) => [
			...new Set(
				as
					.map((a) => a.getAttribute('href') ?? '')
					.filter((h) => /^\/owner\/assemblies\/[^/]+$/.test(h))
			)
		]);
	await check(page, ['/owner', '/owner/roll', ...assemblies]);
});
