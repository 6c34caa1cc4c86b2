import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const IO = Symbol.for('gongyi.io');
const AUTH = Symbol.for('gongyi.socketAuth');
const READY = Symbol.for('gongyi.ioReady');
const ADAPTER = Symbol.for('gongyi.ioAdapter');

export interface SocketIdentity {
	accountId: string;
	/** The session the cookie named: logging out (or its rotation) disconnects its sockets. */
	sessionId?: string;
	/** The session passed the second factor (staff and oversight rights need it). */
	secondFactor?: boolean;
}
export type SocketAuthenticator = (
	cookieHeader: string | undefined
) => Promise<SocketIdentity | null>;
type Global = typeof globalThis & {
	[IO]?: Server;
	[AUTH]?: SocketAuthenticator;
	[READY]?: ((io: Server) => void)[];
	[ADAPTER]?: Promise<void>;
};

/** The SvelteKit side registers how a socket's session cookie is checked (it owns the database). */
export function setSocketAuthenticator(fn: SocketAuthenticator): void {
	(globalThis as Global)[AUTH] = fn;
}

/**
 * Attaches one Socket.IO server to the HTTP server and shares it through a globalThis singleton,
 * because the production entry is bundled apart from the SvelteKit build. Anonymous sockets are
 * allowed (public turnout); a valid session cookie adds the account's identity.
 */
export function attachRealtime(http: HttpServer): Server {
	const g = globalThis as Global;
	if (g[IO]) return g[IO];
	const io = new Server(http, {
		path: '/socket.io',
		serveClient: false,
		// A browser always names the page's origin; a foreign one is refused before the handshake.
		allowRequest: (req, callback) => callback(null, sameOrigin(req.headers))
	});
	io.use(async (socket, next) => {
		try {
			const auth = g[AUTH];
			socket.data.identity = auth ? await auth(socket.handshake.headers.cookie) : null;
			next();
		} catch (e) {
			next(e as Error);
		}
	});
	io.on('connection', (socket) => {
		const identity = socket.data.identity as SocketIdentity | null;
		if (identity) void socket.join(`account:${identity.accountId}`);
		if (identity?.sessionId) void socket.join(sessionRoom(identity.sessionId));
	});
	// A session may end without a logout (expiry, password change elsewhere, disabled account):
	// every minute the signed-in sockets' sessions are checked again.
	const recheck = setInterval(() => {
		for (const socket of io.of('/').sockets.values())
			if (socket.data.identity) void refreshIdentity(socket);
	}, RECHECK_MS);
	recheck.unref();
	if (process.env.REDIS_URL) {
		g[ADAPTER] = useRedisAdapter(io, process.env.REDIS_URL);
		g[ADAPTER].catch((e) => console.error('[realtime] redis adapter', e));
	}
	g[IO] = io;
	for (const fn of g[READY]?.splice(0) ?? []) fn(io);
	return io;
}

const RECHECK_MS = 60_000;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Whether a handshake comes from this site: an Origin header, when present, must equal ORIGIN
 * (or, without ORIGIN, the Host the request was sent to). Clients that send none (not a
 * browser) get what an anonymous visitor gets.
 */
export function sameOrigin(
	headers: Record<string, string | string[] | undefined>,
	origin = process.env.ORIGIN
): boolean {
	const o = headers.origin;
	if (o === undefined) return true;
	if (typeof o !== 'string') return false;
	try {
		const got = new URL(o);
		if (origin) return got.origin === new URL(origin).origin;
		return got.host === headers.host;
	} catch {
		return false;
	}
}

/**
 * Checks the socket's session again (it may have ended since the handshake): a socket whose
 * session is gone is disconnected. Returns the identity now, null for anonymous.
 */
export async function refreshIdentity(socket: {
	data: { identity?: SocketIdentity | null };
	handshake: { headers: { cookie?: string } };
	disconnect(close?: boolean): unknown;
}): Promise<SocketIdentity | null> {
	const before = socket.data.identity ?? null;
	if (!before) return null;
	const auth = (globalThis as Global)[AUTH];
	const now = auth ? await auth(socket.handshake.headers.cookie) : null;
	if (!now || now.sessionId !== before.sessionId || now.accountId !== before.accountId) {
		socket.data.identity = null;
		socket.disconnect(true);
		return null;
	}
	socket.data.identity = now;
	return now;
}

/** Disconnects every socket of these sessions (logout, password change, token rotation). */
export function disconnectSessions(sessionIds: string[]): void {
	const io = (globalThis as Global)[IO];
	if (!io) return;
	for (const id of sessionIds) io.in(sessionRoom(id)).disconnectSockets(true);
}

/**
 * Calls `fn` with the Socket.IO server now if it is attached, else once it is: in dev the Vite
 * plugin attaches before SvelteKit's init, in production src/server.ts attaches after it.
 */
export function onRealtime(fn: (io: Server) => void): void {
	const g = globalThis as Global;
	if (g[IO]) fn(g[IO]);
	else (g[READY] ??= []).push(fn);
}

/** With several app processes, the Redis adapter carries room events between them. */
async function useRedisAdapter(io: Server, url: string): Promise<void> {
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (e) => console.error('[realtime] redis', e));
	sub.on('error', (e) => console.error('[realtime] redis', e));
	await Promise.all([pub.connect(), sub.connect()]);
	// GONGYI_REDIS_KEY separates deployments (or benches) sharing one Redis.
	io.adapter(createAdapter(pub, sub, { key: process.env.GONGYI_REDIS_KEY || 'socket.io' }));
}

/** Resolves once the Redis adapter (REDIS_URL) carries room events, at once without Redis. */
export function realtimeAdapterReady(): Promise<void> {
	return (globalThis as Global)[ADAPTER] ?? Promise.resolve();
}

/** The shared Socket.IO server, or null when none is attached (CLI, tests). */
export function getIo(): Server | null {
	return (globalThis as Global)[IO] ?? null;
}
