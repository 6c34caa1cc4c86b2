import { eq } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { useRealtimeServer } from '../support/realtime-server';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import {
	createSession,
	generateSessionToken,
	invalidateSession
} from '../../src/lib/server/auth/session';
import { account, assembly, session } from '../../src/lib/server/db/schema';
import { attachRealtime } from '../../src/lib/server/realtime/attach';
import { registerSocketAuth } from '../../src/lib/server/realtime/auth';
import { startLiveTurnout } from '../../src/lib/server/realtime/live';
import { describeEngines } from '../int/engines';
import { announcedAssembly } from '../int/ledger-fixture';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const server = useRealtimeServer();

describeEngines('#11 #21 sockets', (db) => {
	let stop = () => {};
	const clients: Client[] = [];
	afterEach(() => {
		stop();
		for (const c of clients.splice(0)) c.disconnect();
	});

	async function setUp(id: string, state?: 'draft' | 'filed') {
		const a = await announcedAssembly(db(), { id });
		if (state) await db().update(assembly).set({ state }).where(eq(assembly.id, id));
		registerSocketAuth(db());
		stop = startLiveTurnout(attachRealtime(server.http), db(), 100);
		return a;
	}
	async function sessionOf(login: string) {
		const [acc] = await db().select().from(account).where(eq(account.login, login));
		const token = generateSessionToken();
		const s = await createSession(db(), token, acc.id);
		await db().update(session).set({ twoFactorAt: new Date() }).where(eq(session.id, s.id));
		return { token, id: s.id };
	}
	function client(headers: Record<string, string> = {}): Client {
		const c: Client = connect(server.url, { transports: ['websocket'], extraHeaders: headers });
		clients.push(c);
		return c;
	}
	const disconnected = (c: Client) =>
		new Promise<string>((resolve) => c.once('disconnect', (reason) => resolve(reason)));

	it('#11 logging out disconnects that session’s sockets at once', async () => {
		const a = await setUp('asm-sock-logout');
		const s = await sessionOf('staff');
		const c = client({ cookie: `gongyi_session=${s.token}` });
		expect(await c.emitWithAck('join', { assemblyId: a.id })).toEqual({ ok: true });
		const gone = disconnected(c);
		await invalidateSession(db(), s.id);
		expect(await gone).toBe('io server disconnect');
	});

	it('#11 a session ended without logout is noticed on the next join', async () => {
		const a = await setUp('asm-sock-expired');
		const s = await sessionOf('staff');
		const c = client({ cookie: `gongyi_session=${s.token}` });
		expect(await c.emitWithAck('join', { assemblyId: a.id })).toEqual({ ok: true });
		// The row goes away behind the socket's back (expiry, another node's logout).
		await db().delete(session).where(eq(session.id, s.id));
		const gone = disconnected(c);
		c.emit('join', { assemblyId: a.id });
		expect(await gone).toBe('io server disconnect');
	});

	it('#21 anonymous sockets and owners do not see draft or filed assemblies; staff do', async () => {
		for (const state of ['draft', 'filed'] as const) {
			const a = await setUp(`asm-sock-${state}`, state);
			expect(await client().emitWithAck('join', { assemblyId: a.id })).toEqual({
				ok: false,
				code: 'live.notFound'
			});
			const owner = await sessionOf('owner1');
			const o = client({ cookie: `gongyi_session=${owner.token}` });
			expect(await o.emitWithAck('join', { assemblyId: a.id })).toEqual({
				ok: false,
				code: 'live.notFound'
			});
			const staff = await sessionOf('staff');
			const s = client({ cookie: `gongyi_session=${staff.token}` });
			expect(await s.emitWithAck('join', { assemblyId: a.id })).toEqual({ ok: true });
			stop();
		}
		// Announced: everyone may watch.
		const a = await setUp('asm-sock-announced');
		expect(await client().emitWithAck('join', { assemblyId: a.id })).toEqual({ ok: true });
	});

	it('#21 a handshake from a foreign Origin is refused; the own origin is let in', async () => {
		await setUp('asm-sock-origin');
		const foreign = client({ origin: 'https://evil.example' });
		const err = await new Promise<Error>((r) => foreign.once('connect_error', r));
		expect(err.message).toBe('websocket error');
		expect(foreign.connected).toBe(false);
		const own = client({ origin: server.url });
		await new Promise<void>((r) => own.once('connect', () => r()));
		expect(own.connected).toBe(true);
	});
});
