// Child process of bench/live.ts in two-process mode: a second app node as in production
// (attachRealtime with the Redis adapter, socket auth and startLiveTurnout on the same
// PostgreSQL), on a loopback port. The bench's clients connect here while ballots commit in the
// parent, so each update crosses Redis. Prints its port on stdout; exits when told to.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../src/lib/server/db/client';
import { attachRealtime, realtimeAdapterReady } from '../src/lib/server/realtime/attach';
import { registerSocketAuth } from '../src/lib/server/realtime/auth';
import { startLiveTurnout } from '../src/lib/server/realtime/live';

setTimeout(() => process.exit(3), 600_000).unref();
const { db, close } = await openDatabase({ url: process.env.DATABASE_URL });
const http = createServer();
const io = attachRealtime(http);
await realtimeAdapterReady();
registerSocketAuth(db);
const stop = startLiveTurnout(io, db);
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
process.send!({ cmd: 'listening', port: (http.address() as AddressInfo).port });
process.on('message', async (m: { cmd: string }) => {
	if (m.cmd !== 'exit') return;
	stop();
	io.close();
	await close();
	process.exit(0);
});
