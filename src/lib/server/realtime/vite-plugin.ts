import type { Plugin } from 'vite';
import type { Server as HttpServer } from 'node:http';
import { attachRealtime } from './attach';

/** In dev, attach the same Socket.IO server the production entry attaches (STACK.md trap 5). */
export function realtimeDevPlugin(): Plugin {
	return {
		name: 'gongyi-realtime',
		configureServer(server) {
			if (server.httpServer) attachRealtime(server.httpServer as HttpServer);
		}
	};
}
