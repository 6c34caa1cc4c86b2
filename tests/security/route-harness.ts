import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { grantsOf } from '../../src/lib/server/accounts';
import type { CurrentUser } from '../../src/lib/server/auth/guard';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { account, session } from '../../src/lib/server/db/schema';

type Module = Record<string, unknown>;

/** The roles both matrices try, and the demo account that plays each (null: not signed in). */
export const ROLES = ['anonymous', 'owner', 'staffA', 'staffB', 'oversight', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const LOGINS: Record<Role, string | null> = {
	anonymous: null,
	owner: 'owner1',
	staffA: 'staff',
	staffB: 'staff2',
	oversight: 'oversight',
	admin: 'admin'
};

/**
 * Every server module of the route tree, found by the same glob SvelteKit's tree is made of: a
 * file added under src/routes shows up here without anyone listing it.
 */
const modules = import.meta.glob<Module>([
	'../../src/routes/**/+page.server.ts',
	'../../src/routes/**/+layout.server.ts',
	'../../src/routes/**/+server.ts'
]);

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One thing a request can reach: a load, a form action, or an endpoint's method. */
export interface Entry {
	/** `/(staff)/staff/estates/[estateId]/audit load`, `… ?/close`, `… POST`. */
	key: string;
	routeId: string;
	kind: 'load' | 'action' | 'method';
	/** The action's name or the HTTP method. */
	name: string;
	file: string;
	call(event: unknown): unknown;
}

/** The route id SvelteKit gives a file: its folder under src/routes, groups included. */
export function routeIdOf(file: string): string {
	const dir = file.replace(/^.*\/src\/routes/, '').replace(/\/\+[a-z.]+\.ts$/, '');
	return dir === '' ? '/' : dir;
}

export async function routeEntries(): Promise<Entry[]> {
	const entries: Entry[] = [];
	for (const [file, load] of Object.entries(modules)) {
		const m = await load();
		const routeId = routeIdOf(file);
		const layout = file.endsWith('+layout.server.ts');
		const add = (kind: Entry['kind'], name: string, fn: (e: unknown) => unknown) => {
			const suffix =
				kind === 'load'
					? layout
						? 'layout load'
						: 'load'
					: kind === 'action'
						? `?/${name}`
						: name;
			entries.push({ key: `${routeId} ${suffix}`, routeId, kind, name, file, call: fn });
		};
		if (typeof m.load === 'function') add('load', 'load', m.load as (e: unknown) => unknown);
		if (m.actions && typeof m.actions === 'object')
			for (const [name, fn] of Object.entries(m.actions as Record<string, (e: unknown) => unknown>))
				add('action', name, fn);
		for (const method of METHODS)
			if (typeof m[method] === 'function')
				add('method', method, m[method] as (e: unknown) => unknown);
	}
	return entries.sort((a, b) => a.key.localeCompare(b.key));
}

/** The browser path of a route with its parameters filled in (groups dropped). */
export function pathOf(routeId: string, params: Record<string, string>): string {
	const path = routeId
		.split('/')
		.filter((s) => !/^\(.*\)$/.test(s))
		.map((s) => s.replace(/\[(\w+)\]/g, (_, p: string) => encodeURIComponent(params[p] ?? p)))
		.join('/');
	return path === '' ? '/' : path;
}

/** A signed-in user as hooks.server.ts builds it, with a fresh session row (TOTP passed). */
export async function userOf(
	db: Db,
	login: string
): Promise<{ user: CurrentUser; sessionId: string; token: string }> {
	const [a] = await db.select().from(account).where(eq(account.login, login));
	if (!a) throw new Error(`no account ${login}`);
	const token = generateSessionToken();
	const s = await createSession(db, token, a.id);
	await db.update(session).set({ twoFactorAt: new Date() }).where(eq(session.id, s.id));
	return {
		user: {
			id: a.id,
			login: a.login,
			displayName: a.displayName,
			ownerId: a.ownerId,
			grants: await grantsOf(db, a.id),
			needsSecondFactor: false
		},
		sessionId: s.id,
		token
	};
}

export interface EventInput {
	db: Db;
	routeId: string;
	params: Record<string, string>;
	user: CurrentUser | null;
	sessionId?: string | null;
	token?: string;
	method?: string;
	body?: BodyInit | null;
	headers?: Record<string, string>;
	search?: string;
	address?: string;
	locale?: 'zh' | 'en';
}

export const ORIGIN = 'http://localhost:5173';

/** A RequestEvent as SvelteKit hands it to loads, actions and endpoints (what they use of it). */
export function eventOf(i: EventInput) {
	const url = new URL(pathOf(i.routeId, i.params) + (i.search ?? ''), ORIGIN);
	const method = i.method ?? 'GET';
	const jar = new Map<string, string>();
	if (i.token) jar.set('gongyi_session', i.token);
	const request = new Request(url, {
		method,
		headers: { origin: ORIGIN, ...(i.headers ?? {}) },
		body: method === 'GET' || method === 'HEAD' ? null : (i.body ?? null)
	});
	const headers: Record<string, string> = {};
	return {
		request,
		url,
		params: i.params,
		route: { id: i.routeId },
		locals: {
			db: i.db,
			user: i.user,
			sessionId: i.sessionId ?? null,
			locale: i.locale ?? 'zh'
		},
		cookies: {
			get: (name: string) => jar.get(name),
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void jar.set(name, value),
			delete: (name: string) => void jar.delete(name),
			serialize: () => ''
		},
		getClientAddress: () => i.address ?? '203.0.113.7',
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		fetch: () => {
			throw new Error('event.fetch is not used by server modules');
		},
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false
	};
}

export type Outcome =
	| { kind: 'allowed'; status: number; detail: string }
	| { kind: 'refused'; status: number; detail: string };

const REFUSED = new Set([401, 403, 404]);

/**
 * What a handler did, as the access matrix sees it: refused (a redirect to the login or TOTP
 * page, or 401/403/404 thrown, failed or answered), or allowed (anything else short of a crash).
 * A 5xx or an exception that is not SvelteKit's is thrown on: that is a crash, never an outcome.
 */
export async function outcomeOf(run: () => unknown): Promise<Outcome> {
	try {
		const r = await run();
		if (r instanceof Response) {
			if (r.status >= 500) throw new Error(`answered ${r.status}: ${await r.text()}`);
			await r.body?.cancel();
			const kind = REFUSED.has(r.status) ? 'refused' : 'allowed';
			return { kind, status: r.status, detail: 'response' };
		}
		if (isActionFailure(r)) {
			if (r.status >= 500) throw new Error(`failed ${r.status}: ${JSON.stringify(r.data)}`);
			return {
				kind: REFUSED.has(r.status) ? 'refused' : 'allowed',
				status: r.status,
				detail: 'fail'
			};
		}
		return { kind: 'allowed', status: 200, detail: 'data' };
	} catch (e) {
		if (isRedirect(e)) {
			const toLogin = /^\/login(\/totp)?(\?|$)/.test(e.location);
			return { kind: toLogin ? 'refused' : 'allowed', status: e.status, detail: e.location };
		}
		if (isHttpError(e) && e.status < 500)
			return {
				kind: REFUSED.has(e.status) ? 'refused' : 'allowed',
				status: e.status,
				detail: 'error'
			};
		throw e;
	}
}
