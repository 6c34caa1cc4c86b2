import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { getDatabase } from '$lib/server/app';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { sessionNeedsSecondFactor } from '$lib/server/auth/totp';
import { onRealtime } from '$lib/server/realtime/attach';
import { registerSocketAuth } from '$lib/server/realtime/auth';
import { startLiveTurnout } from '$lib/server/realtime/live';
import { startLedgerTimers } from '$lib/server/ledger/timers';
import { startHousekeeping } from '$lib/server/housekeeping';
import { DEFAULT_LOCALE, isLocale, translator } from '$lib/i18n';
import { bodyLimitOf, readCapped, TOO_LARGE_HEADERS } from '$lib/server/body-limit';
import { redactError } from '$lib/server/log';
import { nulIn } from '$lib/server/nul-gate';
import { securityHeaders } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	const { db } = await getDatabase();
	registerSocketAuth(db);
	onRealtime((io) => startLiveTurnout(io, db));
	startLedgerTimers(db);
	startHousekeeping(db);
};

export const handle: Handle = async ({ event, resolve }) => {
	const { db } = await getDatabase();
	event.locals.db = db;
	event.locals.user = null;
	event.locals.sessionId = null;
	const lang = event.cookies.get('lang');
	event.locals.locale = isLocale(lang) ? lang : DEFAULT_LOCALE;

	// Only the upload routes may send up to the global body limit; elsewhere a large body is
	// refused before anything reads it (and a chunked one once it passes the bound).
	const limit = bodyLimitOf(event.route.id);
	if (limit !== null && event.request.body) {
		const declared = event.request.headers.get('content-length');
		const capped = declared === null ? await readCapped(event.request, limit) : null;
		if ((declared !== null && Number(declared) > limit) || (capped && !capped.ok))
			return new Response(translator(event.locals.locale)('security:limits.bodyTooLarge'), {
				status: 413,
				headers: { 'content-type': 'text/plain; charset=utf-8', ...TOO_LARGE_HEADERS }
			});
		if (capped?.ok) event.request = new Request(event.request, { body: capped.bytes });
	}

	// A NUL cannot be stored as text: refused here, in words, before any handler reaches the database.
	const nul = await nulIn(event);
	if (nul)
		return new Response(translator(event.locals.locale)('security:limits.nul'), {
			status: nul === 'path' ? 404 : 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSessionToken(db, token);
		if (session) {
			event.locals.sessionId = session.id;
			const { id, login, displayName, ownerId } = session.account;
			const grants = session.grants;
			const needsSecondFactor = sessionNeedsSecondFactor(session);
			event.locals.user = { id, login, displayName, ownerId, grants, needsSecondFactor };
			// The cookie is refreshed only when the session slid on, not on every request.
			if (session.slid) {
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
			}
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const htmlLang = event.locals.locale === 'zh' ? 'zh-CN' : 'en';
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', htmlLang)
	});
	const pageCsp = response.headers.get('content-security-policy');
	const headers = securityHeaders(event.url.pathname, undefined, pageCsp);
	for (const [name, value] of Object.entries(headers)) {
		try {
			if (name === 'content-security-policy' || !response.headers.has(name))
				response.headers.set(name, value);
		} catch {
			// A response with immutable headers (a proxied fetch) keeps its own.
		}
	}
	return response;
};

/** Logs the error with an id; the user sees only a message and that id, never a stack or SQL. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'not_found' };
	const errorId = randomUUID().slice(0, 8);
	// The path only, never the query string; the error redacted (no SQL parameters, no values).
	console.error(
		`[error ${errorId}] ${event.request.method} ${event.url.pathname} ${redactError(error)}`
	);
	return { message: 'internal', errorId };
};
