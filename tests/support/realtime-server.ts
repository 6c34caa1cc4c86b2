import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { attachRealtime } from '../../src/lib/server/realtime/attach';

/**
 * An HTTP server with Socket.IO attached, on a free loopback port, for the file's tests: started
 * before them and closed after. Read `http` and `url` inside tests (they are set in beforeAll).
 */
export function useRealtimeServer(): { http: HttpServer; url: string } {
	const server = { http: undefined as unknown as HttpServer, url: '' };
	beforeAll(async () => {
		server.http = createServer();
		attachRealtime(server.http);
		await new Promise<void>((r) => server.http.listen(0, '127.0.0.1', r));
		server.url = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((r) => server.http.close(() => r())));
	return server;
}
