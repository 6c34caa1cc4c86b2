import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { handOver, logIn, open } from './helpers';

/**
 * axe-core's WCAG 2 A and AA rules on the main pages of the demo, as each role sees them: at
 * 390 px in Chinese, and at 1280 px in English. Links are collected from the pages themselves
 * where they can be; every violation is listed with its page, rule and element. Nothing here
 * changes the demo: the pages are only read.
 */

/** The language the pages of the running view must be in. */
let expectedLang = 'zh';

async function violations(page: Page, path: string): Promise<string[]> {
	const res = await open(page, path);
	expect(res?.status(), path).toBeLessThan(400);
	// The page really is in the view's language (zh-CN or en).
	const lang = (await page.locator('html').getAttribute('lang')) ?? '';
	return [
		...(await violationsHere(page, path)),
		...(lang.startsWith(expectedLang) ? [] : [`${path} · lang ${lang}`])
	];
}

/** The page as it is now (after a check has shown its results), without reloading it. */
async function violationsHere(page: Page, label: string): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	return violations.flatMap((v) =>
		v.nodes.map((n) => `${label} · ${v.id} · ${n.target.join(' ')}`)
	);
}

async function check(page: Page, paths: string[]) {
	const found: string[] = [];
	for (const path of paths) found.push(...(await violations(page, path)));
	expect(found).toEqual([]);
}

/** The hrefs of the links on `path` that match `pattern`, in page order, without repeats. */
async function links(page: Page, path: string, pattern: RegExp): Promise<string[]> {
	await open(page, path);
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	return [...new Set(hrefs.filter((h) => pattern.test(h)))];
}

async function first(page: Page, path: string, pattern: RegExp): Promise<string> {
	const found = await links(page, path, pattern);
	expect(found.length, `a link matching ${pattern} on ${path}`).toBeGreaterThan(0);
	return found[0];
}

const views = [
	{ name: '390 px, Chinese', width: 390, height: 844, lang: 'zh' },
	{ name: '1280 px, English', width: 1280, height: 800, lang: 'en' }
] as const;

for (const view of views) {
	test.describe(view.name, () => {
		test.use({ viewport: { width: view.width, height: view.height } });
		// axe takes one to two seconds a page on a busy machine; each test reads up to ten pages.
		test.describe.configure({ timeout: 60_000 });

		/** Logs in (the helper speaks Chinese), then switches the language of the view. */
		async function as(page: Page, login: string | null) {
			expectedLang = view.lang;
			if (login) await logIn(page, login);
			const url = test.info().project.use.baseURL!;
			if (view.lang !== 'zh')
				await page.context().addCookies([{ name: 'lang', value: view.lang, url }]);
		}

		test('visitor pages have no WCAG 2 A/AA violations', async ({ page }) => {
			await as(page, null);
			const ledgers = await links(page, '/', /^\/assemblies\/[^/]+\/ledger$/);
			expect(ledgers.length).toBeGreaterThan(0);
			await check(page, ['/', '/login', '/register', '/verify', ...ledgers]);
		});

		test('owner pages have no WCAG 2 A/AA violations', async ({ page }) => {
			await as(page, 'owner1');
			await expect(page).toHaveURL(/\/owner$/);
			const assemblies = await links(page, '/owner', /^\/owner\/assemblies\/[^/]+$/);
			expect(assemblies.length).toBeGreaterThan(0);
			const ballot = await first(page, '/owner', /^\/owner\/assemblies\/[^/]+\/vote$/);
			const proxy = await first(page, ballot.replace(/\/vote$/, ''), /\/proxy$/);
			const receipt = await first(
				page,
				'/owner/ballots',
				/^\/owner\/assemblies\/[^/]+\/vote\/receipt\/\d+$/
			);
			await check(page, [
				'/owner',
				...assemblies,
				ballot,
				proxy,
				'/proxy',
				'/owner/ballots',
				receipt
			]);
		});

		test('staff estate pages have no WCAG 2 A/AA violations', async ({ page }) => {
			await as(page, 'staff');
			await open(page, '/staff');
			const estate = new URL(page.url()).pathname;
			expect(estate).toMatch(/^\/staff\/estates\/[^/]+$/);
			await check(page, [
				estate,
				`${estate}/roll`,
				`${estate}/registrations`,
				`${estate}/assemblies/new`,
				`${estate}/audit`
			]);
		});

		test('staff assembly pages (turnout, paper, proxies, meeting, projector) have no WCAG 2 A/AA violations', async ({
			page
		}) => {
			await as(page, 'staff');
			await open(page, '/staff');
			const estate = new URL(page.url()).pathname;
			// One of each page the assemblies link to (turnout, paper entry, proxies, meeting), and
			// the assembly page with the setup guide of the meeting.
			const found: string[] = [];
			for (const a of await links(
				page,
				estate,
				/^\/staff\/estates\/[^/]+\/assemblies\/(?!new$)[^/]+$/
			)) {
				found.push(...(await links(page, a, /\/(turnout|paper|proxies|meeting)$/)));
			}
			const pages = ['turnout', 'paper', 'proxies', 'meeting'].map((kind) => {
				const p = found.find((h) => h.endsWith(`/${kind}`));
				expect(p, `a ${kind} page`).toBeDefined();
				return p!;
			});
			// The projector of the meeting, opened from its meeting page (no login needed).
			const meeting = pages[3];
			pages.push(meeting.replace(/\/meeting$/, ''));
			await open(page, meeting);
			const screen = new URL((await page.getByTestId('screen-url').textContent())!.trim()).pathname;
			await check(page, [...pages, screen]);
		});

		test('oversight pages have no WCAG 2 A/AA violations', async ({ page }) => {
			await as(page, 'oversight');
			const assembly = await first(
				page,
				'/oversight/assemblies',
				/^\/oversight\/assemblies\/[^/]+$/
			);
			const estate = await first(page, '/oversight', /^\/oversight\/estates\/[^/]+$/);
			// The published assembly's page holds the street's witness and countersign screens.
			const published = '/oversight/assemblies/a-jinse-2026-1';
			await check(page, ['/oversight', '/oversight/assemblies', assembly, published, estate]);
		});

		test('admin pages have no WCAG 2 A/AA violations', async ({ page }) => {
			await as(page, 'admin');
			await check(page, ['/admin', '/admin/audit']);
		});
	});
}

test("the owner's own check and the verify page's results have no WCAG 2 A/AA violations", async ({
	page
}) => {
	const found: string[] = [];
	const ran = async (label: string) => {
		await expect(page.getByTestId('my-evidence').first().getByRole('status')).toBeVisible();
		found.push(...(await violationsHere(page, label)));
	};
	await logIn(page, 'owner1');
	await open(page, '/owner/ballots');
	await page.getByRole('button', { name: '在本机核验：我的房号、面积和选票' }).first().click();
	await ran('/owner/ballots (checked)');
	await open(page, '/verify');
	await page.getByRole('button', { name: '在本机核验：我的房号、面积和选票' }).first().click();
	await ran('/verify (own check)');
	// A visitor checks the published record: the result and who signed it are shown.
	await handOver(page);
	const record = await (await page.request.get('/api/assemblies/a-jinse-2026-1/record')).text();
	await open(page, '/verify');
	await page.getByLabel('会议记录文件（.json）').setInputFiles({
		name: 'record.json',
		mimeType: 'application/json',
		buffer: Buffer.from(record)
	});
	await expect(page.getByTestId('head-signature').first()).toHaveAttribute('data-state', 'ok');
	found.push(...(await violationsHere(page, '/verify (record checked)')));
	expect(found).toEqual([]);
});
