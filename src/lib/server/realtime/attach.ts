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
	const io = new Server(http, { path: '/socket.io', serveClient: false });
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
	});
	if (process.env.REDIS_URL) {
		g[ADAPTER] = useRedisAdapter(io, process.env.REDIS_URL);
		g[ADAPTER].catch((e) => console.error('[realtime] redis adapter', e));
	}
	g[IO] = io;
	for (const fn of g[READY]?.splice(0) ?? []) fn(io);
	return io;
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
