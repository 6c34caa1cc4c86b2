import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

const KEY = Symbol.for('gongyi.io');
type Global = typeof globalThis & { [KEY]?: Server };

/**
 * Attaches one Socket.IO server to the HTTP server and shares it through a globalThis singleton,
 * because the production entry is bundled apart from the SvelteKit build.
 */
export function attachRealtime(http: HttpServer): Server {
	const g = globalThis as Global;
	if (g[KEY]) return g[KEY];
	const io = new Server(http, { path: '/socket.io', serveClient: false });
	g[KEY] = io;
	return io;
}

/** The shared Socket.IO server, or null when none is attached (CLI, tests). */
export function getIo(): Server | null {
	return (globalThis as Global)[KEY] ?? null;
}
