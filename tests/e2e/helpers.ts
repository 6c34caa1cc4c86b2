import { expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';

export const DEMO_PASSWORD = 'gongyi2026';
/** The confirmed TOTP secret of the demo's staff, oversight and admin accounts (src/lib/server/demo.ts). */
export const DEMO_TOTP_SECRET = 'GONGYIDEMOTOTPSECRETJINSEJIAYUAN';
/** The session cookie's name (src/lib/server/auth/session.ts). */
const SESSION_COOKIE = 'gongyi_session';
const SECOND_FACTOR = new Set(['admin', 'oversight', 'staff', 'staff2', 'clerk']);

/** The code an authenticator app shows now for `secret`. */
export function totpCode(secret = DEMO_TOTP_SECRET, timestamp = Date.now()): string {
	return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
		timestamp
	});
}

/**
 * The server takes each TOTP step once per account (replay protection), and tests may log the
 * same account in twice within 30 s: the last step used is remembered per secret and login, and a
 * fresh code waits for the next step. Without a login, any use of the secret counts (the demo
 * accounts share one secret).
 */
// Kept in a file beside the server's data: Playwright starts a new worker after a failed test, and
// a worker's memory alone would hand the next test a code the server has already taken.
const STEPS_FILE = join(tmpdir(), `gongyi-e2e-totp-${process.env.E2E_PORT ?? 'default'}.json`);
const usedSteps = {
	load(): Map<string, number> {
		if (!existsSync(STEPS_FILE)) return new Map();
		try {
			return new Map(Object.entries(JSON.parse(readFileSync(STEPS_FILE, 'utf8'))));
		} catch {
			return new Map();
		}
	},
	set(key: string, step: number) {
		const all = this.load();
		all.set(key, step);
		writeFileSync(STEPS_FILE, JSON.stringify(Object.fromEntries(all)));
	}
};
async function freshTotpCode(secret: string, login?: string): Promise<string> {
	const key = `${secret}|${login ?? ''}`;
	const last = Math.max(
		-1,
		...[...usedSteps.load()]
			.filter(([k]) => k === key || k === `${secret}|` || (!login && k.startsWith(`${secret}|`)))
			.map(([, v]) => v)
	);
	if (Math.floor(Date.now() / 30_000) <= last) {
		await new Promise((r) => setTimeout(r, (last + 1) * 30_000 - Date.now() + 50));
	}
	const now = Date.now();
	usedSteps.set(key, Math.floor(now / 30_000));
	return totpCode(secret, now);
}

// Sessions of the demo's second-factor accounts, kept per e2e port for the whole run: a fresh login
// of the same account must wait for the next 30 s TOTP step (the server takes each step once), so a
// test that needs staff again reuses the session made earlier unless it was logged out.
const SESSIONS_FILE = join(
	tmpdir(),
	`gongyi-e2e-sessions-${process.env.E2E_PORT ?? 'default'}.json`
);
type SavedCookies = Parameters<BrowserContext['addCookies']>[0];
function savedSessions(): Record<string, SavedCookies> {
	if (!existsSync(SESSIONS_FILE)) return {};
	try {
		return JSON.parse(readFileSync(SESSIONS_FILE, 'utf8'));
	} catch {
		return {};
	}
}
function saveSession(login: string, cookies: SavedCookies) {
	writeFileSync(SESSIONS_FILE, JSON.stringify({ ...savedSessions(), [login]: cookies }));
}
function forgetSession(token: string) {
	const all = savedSessions();
	for (const [login, cookies] of Object.entries(all))
		if (cookies.some((c) => c.value === token)) delete all[login];
	writeFileSync(SESSIONS_FILE, JSON.stringify(all));
}

/**
 * Password login, ending on the page the login leads to. Demo staff, oversight and admin accounts
 * also pass the TOTP step — or, when this run already holds a live session of theirs, continue it.
 */
export async function logIn(page: Page, login: string, password = DEMO_PASSWORD) {
	const secondFactor = SECOND_FACTOR.has(login) && password === DEMO_PASSWORD;
	const kept = secondFactor ? savedSessions()[login] : undefined;
	if (kept) {
		await page.context().addCookies(kept);
		await page.goto('/');
		// A live session is sent on from / to the account's home page; a dead one stays on /.
		if (new URL(page.url()).pathname !== '/') return page.locator('html[data-hydrated]').waitFor();
		await page.context().clearCookies({ name: SESSION_COOKIE });
	}
	await page.goto('/login');
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('账号').fill(login);
	await page.getByLabel('密码').fill(password);
	// Wait for the login's answer, or a navigation right after would cancel it.
	await Promise.all([
		page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
		),
		page.getByRole('button', { name: '登录', exact: true }).click()
	]);
	if (secondFactor) {
		await enterTotp(page, DEMO_TOTP_SECRET, login);
		const cookies = await page.context().cookies();
		saveSession(
			login,
			cookies.filter((c) => c.name === SESSION_COOKIE)
		);
	}
}

/**
 * The next person takes the browser: this one's session cookie is removed without ending the
 * session, which a later logIn of a second-factor account continues. Tests that are about logging
 * out use logOut.
 */
export async function handOver(page: Page) {
	await page.context().clearCookies({ name: SESSION_COOKIE });
	await open(page, '/login');
}

export async function enterTotp(page: Page, secret = DEMO_TOTP_SECRET, login?: string) {
	await expect(page).toHaveURL(/\/login\/totp/);
	await page.locator('html[data-hydrated]').waitFor();
	await page.getByLabel('6 位验证码').fill(await freshTotpCode(secret, login));
	await page.getByRole('button', { name: '验证' }).click();
	await expect(page).not.toHaveURL(/\/login\/totp/);
}

/** On the set-up page: reads the shown secret, confirms with a code, returns the secret. */
export async function setUpTotp(page: Page): Promise<string> {
	await expect(page).toHaveURL(/\/account\/totp-setup/);
	await page.locator('html[data-hydrated]').waitFor();
	const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
	await page.getByLabel('6 位验证码').fill(await freshTotpCode(secret!));
	await page.getByRole('button', { name: '完成设置' }).click();
	await expect(page).not.toHaveURL(/\/account\/totp-setup/);
	return secret!;
}

/** Navigates and waits until the page is interactive. */
export async function open(page: Page, path: string) {
	const res = await page.goto(path);
	await page.locator('html[data-hydrated]').waitFor();
	return res;
}

export async function logOut(page: Page) {
	const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
	if (session) forgetSession(session.value);
	await page.getByRole('button', { name: /退出登录|Log out/ }).click();
	await expect(page).toHaveURL(/\/login$/);
}
