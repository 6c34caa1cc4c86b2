import { redactError } from '../log';
import { eq } from 'drizzle-orm';
import type { Server, Socket } from 'socket.io';
import {
	assemblyRoom,
	talliesRoom,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../realtime/events';
import { grantsOf } from '../accounts';
import { covers } from '../auth/guard';
import { requiresSecondFactor } from '../auth/totp';
import { onLedgerEvent } from '../ballots/events';
import type { Db } from '../db/client';
import { place } from '../db/schema';
import { Coalescer } from '../live/coalesce';
import { liveSnapshot, type LiveSnapshot } from '../live/state';
import { fullPart, publicPart } from '../live/visible';
import { refreshIdentity, type SocketIdentity } from './attach';

/** Until announced, an assembly is the estate's officials' business (and a cancelled one too). */
const HIDDEN = new Set(['draft', 'filed', 'returned', 'cancelled']);

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A joiner may get a state this old; a ballot after it is broadcast within one interval anyway. */
const FRESH_MS = 1_000;
const STARTED = Symbol.for('gongyi.liveStarted');
type Global = typeof globalThis & { [STARTED]?: WeakSet<object> };

/** Staff and oversight of the estate (admins everywhere) see per-item tallies; TOTP required. */
async function maySeeTallies(db: Db, socket: LiveSocket, estateId: string): Promise<boolean> {
	const identity = socket.data.identity as SocketIdentity | null;
	if (!identity) return false;
	const grants = await grantsOf(db, identity.accountId);
	if (requiresSecondFactor(grants) && !identity.secondFactor) return false;
	const [estate] = await db.select({ path: place.path }).from(place).where(eq(place.id, estateId));
	return (
		!!estate &&
		grants.some((g) => ['admin', 'staff', 'oversight'].includes(g.role) && covers(g, estate))
	);
}

/**
 * Live turnout: after ballots commit (ledger events), recomputes an assembly's state at most every
 * `intervalMs` and broadcasts it to `assembly:<id>`; sockets allowed to see tallies also sit in
 * `assembly:<id>:tallies` and get them. A joining socket gets the current state first.
 * A ballot waits for the next run, up to one interval: at 250 ms that wait alone put bench live's
 * p95 at 1.62 × a bare broadcast. At 100 ms, a fan-out to 5,000 sockets (80–110 ms of the
 * thread) left no time for commits and queries on PostgreSQL (2.0–2.2 ×), so the coalescer
 * spaces a long run's successor to 1.5 × its time: 1.4–1.7 × on PostgreSQL, 1.5 on PGlite. At
 * most ten snapshots a second per assembly while ballots keep arriving, none while none do.
 */
export function startLiveTurnout(io: Server, db: Db, intervalMs = 100): () => void {
	const g = globalThis as Global;
	const started = (g[STARTED] ??= new WeakSet());
	if (started.has(io)) return () => {};
	started.add(io);
	const live = io as unknown as LiveServer;
	const cache = new Map<string, { at: number; snap: LiveSnapshot }>();
	const inflight = new Map<string, Promise<LiveSnapshot | null>>();

	/** One computation per assembly at a time, shared by joiners and broadcasts. */
	const compute = (id: string): Promise<LiveSnapshot | null> => {
		let p = inflight.get(id);
		if (!p) {
			p = liveSnapshot(db, id)
				.then((snap) => {
					if (snap) cache.set(id, { at: Date.now(), snap });
					return snap;
				})
				.finally(() => inflight.delete(id));
			inflight.set(id, p);
		}
		return p;
	};
	const current = async (id: string) => {
		const hit = cache.get(id);
		return hit && Date.now() - hit.at < FRESH_MS ? hit.snap : compute(id);
	};

	// Without the Redis adapter every watcher of an assembly is on this node, so nobody watching
	// here means nothing to compute; with it, watchers may sit on other nodes.
	const clustered = !!process.env.REDIS_URL;
	const coalescer = new Coalescer(async (id) => {
		if (!clustered && !io.sockets.adapter.rooms.get(assemblyRoom(id))?.size) {
			cache.delete(id);
			return;
		}
		await inflight.get(id); // a joiner's run may predate the commit that poked us
		const snap = await compute(id);

		if (!snap) return;
		live.to(assemblyRoom(id)).except(talliesRoom(id)).emit('live:state', publicPart(snap));
		live.to(talliesRoom(id)).emit('live:state', fullPart(snap));
	}, intervalMs);
	const off = onLedgerEvent((e) => coalescer.poke(e.assemblyId));

	const onConnection = (socket: LiveSocket) => {
		socket.on('join', async (payload, answer) => {
			const id = payload?.assemblyId;
			if (typeof id !== 'string' || !ID.test(id))
				return answer?.({ ok: false, code: 'live.badRequest' });
			try {
				const snap = await current(id);
				if (!snap) return answer?.({ ok: false, code: 'live.notFound' });
				// The session may have ended since the handshake (logout elsewhere, expiry).
				await refreshIdentity(socket);
				if (!socket.connected) return;
				const full = await maySeeTallies(db, socket, snap.estateId);
				if (!full && HIDDEN.has(snap.turnout.state))
					return answer?.({ ok: false, code: 'live.notFound' });
				await socket.join(assemblyRoom(id));
				if (full) await socket.join(talliesRoom(id));
				socket.emit('live:state', full ? fullPart(snap) : publicPart(snap));
				answer?.({ ok: true });
			} catch (e) {
				console.error('[live] join failed', redactError(e));
				answer?.({ ok: false, code: 'live.notFound' });
			}
		});
		socket.on('leave', (payload) => {
			const id = payload?.assemblyId;
			if (typeof id !== 'string') return;
			void socket.leave(assemblyRoom(id));
			void socket.leave(talliesRoom(id));
		});
	};
	live.on('connection', onConnection);
	return () => {
		off();
		coalescer.stop();
		live.off('connection', onConnection);
		started.delete(io);
	};
}
