import { and, eq, inArray, sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { useRealtimeServer } from '../support/realtime-server';
import { formatArea } from '../../src/lib/domain/area';
import type {
	ClientToServerEvents,
	LiveState,
	ServerToClientEvents
} from '../../src/lib/realtime/events';
import { generateSessionToken, createSession } from '../../src/lib/server/auth/session';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { account, assembly, assemblyVoter, owner, session } from '../../src/lib/server/db/schema';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { attachRealtime } from '../../src/lib/server/realtime/attach';
import { registerSocketAuth } from '../../src/lib/server/realtime/auth';
import { startLiveTurnout } from '../../src/lib/server/realtime/live';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

// One loopback HTTP server with the production attach for the whole file (it is a singleton).
const server = useRealtimeServer();

describeEngines('live turnout', (db) => {
	let stop = () => {};
	const clients: Client[] = [];
	afterEach(() => {
		stop();
		for (const c of clients.splice(0)) c.disconnect();
	});

	async function openWithLive(id: string) {
		const a = await announcedAssembly(db(), { id });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		registerSocketAuth(db());
		stop = startLiveTurnout(attachRealtime(server.http), db(), 100);
		const owners = await db()
			.select({ id: owner.id })
			.from(owner)
			.where(sql`estate_id = 'e-jinse'`);
		return { ...a, owners: owners.map((o) => o.id) };
	}

	/** A client (with the session cookie of `login`, if given) that joined the room. */
	async function watcher(assemblyId: string, login?: string, twoFactor = false) {
		let cookie: string | undefined;
		if (login) {
			const [acc] = await db().select().from(account).where(eq(account.login, login));
			const token = generateSessionToken();
			const s = await createSession(db(), token, acc.id);
			if (twoFactor)
				await db().update(session).set({ twoFactorAt: new Date() }).where(eq(session.id, s.id));
			cookie = `gongyi_session=${token}`;
		}
		const c: Client = connect(server.url, {
			transports: ['websocket'],
			extraHeaders: cookie ? { cookie } : {}
		});
		clients.push(c);
		const states: LiveState[] = [];
		c.on('live:state', (s) => states.push(s));
		const answer = await c.emitWithAck('join', { assemblyId });
		expect(answer).toEqual({ ok: true });
		return { states, last: () => states.at(-1)! };
	}

	const until = async (cond: () => boolean, ms = 5_000) => {
		const end = Date.now() + ms;
		while (!cond()) {
			if (Date.now() > end) throw new Error('timed out waiting for a live update');
			await new Promise((r) => setTimeout(r, 20));
		}
	};

	it('sends the current state on join, then turnout after ballots; a revote counts once', async () => {
		const a = await openWithLive('asm-live');
		const w = await watcher(a.id);
		expect(w.states).toHaveLength(1);
		expect(w.last().turnout.participation).toEqual({ area: '0.00', heads: 0 });
		expect(w.last().turnout.totals.heads).toBeGreaterThan(100);
		const [o1, o2] = a.owners;
		for (const ownerId of [o1, o2, o1])
			expect(
				(await castBallot(db(), { assemblyId: a.id, ownerId, accountId: 'x', choices })).ok
			).toBe(true);
		await until(() => w.last().turnout.seq === 3);
		const rows = await db()
			.select({ area: assemblyVoter.areaHundredths })
			.from(assemblyVoter)
			.where(and(eq(assemblyVoter.assemblyId, a.id), inArray(assemblyVoter.ownerId, [o1, o2])));
		const area = rows.reduce((s, r) => s + r.area, 0n);
		expect(w.last().turnout.participation).toEqual({ area: formatArea(area), heads: 2 });
		expect(w.last().tallies).toBeNull();
		// A late joiner gets the same state at once.
		const late = await watcher(a.id);
		expect(late.last().turnout.participation.heads).toBe(2);
	});

	it('while voting runs shows turnout only, to staff and oversight too; officials get tallies at the close', async () => {
		const a = await openWithLive('asm-tally');
		const owner1 = await watcher(a.id, 'owner1');
		const staff = await watcher(a.id, 'staff', true);
		const oversight = await watcher(a.id, 'oversight', true);
		const staffNoTotp = await watcher(a.id, 'staff', false);
		const staff2 = await watcher(a.id, 'staff2', true); // staff of another estate
		expect(
			await castBallot(db(), { assemblyId: a.id, ownerId: a.owners[0], accountId: 'x', choices })
		).toMatchObject({ ok: true });
		const all = [owner1, staff, oversight, staffNoTotp, staff2];
		await until(() => all.every((w) => w.last().turnout.seq === 1));
		// No interim results for anyone: the 筹备组 may include candidates.
		for (const w of all) expect(w.last().tallies).toBeNull();
		expect(staff.last().turnout.participation.heads).toBe(1);

		// The tallies rule belongs to the meeting form: on a written assembly it shows nothing.
		await db().update(assembly).set({ talliesVisible: true }).where(eq(assembly.id, a.id));
		expect(
			await castBallot(db(), { assemblyId: a.id, ownerId: a.owners[1], accountId: 'x', choices })
		).toMatchObject({ ok: true });
		await until(() => all.every((w) => w.last().turnout.seq === 2));
		for (const w of all) expect(w.last().tallies).toBeNull();

		const after = new Date('2100-01-01T00:00:00Z'); // past the window's end
		expect(await closeAssembly(db(), a.id, null, after)).toEqual({ ok: true });
		await until(() => staff.last().turnout.state === 'closed');
		await until(() => oversight.last().turnout.state === 'closed');
		expect(staff.last().tallies?.results.r2).toMatchObject({ against: { heads: 2 } });
		expect(oversight.last().tallies?.items.map((i) => i.id)).toEqual(['r1', 'r2', 'e1']);
		await until(() => owner1.last().turnout.state === 'closed');
		for (const w of [owner1, staffNoTotp, staff2]) expect(w.last().tallies).toBeNull();
	});

	it('coalesces a burst of ballots into a few recounts, the last one complete', async () => {
		const a = await openWithLive('asm-burst');
		const w = await watcher(a.id);
		const voters = a.owners.slice(0, 60);
		const started = Date.now();
		await Promise.all(
			voters.map((ownerId) =>
				castBallot(db(), { assemblyId: a.id, ownerId, accountId: 'x', choices })
			)
		);
		await until(() => w.last().turnout.participation.heads === 60);
		const elapsed = Date.now() - started;
		const updates = w.states.length - 1;
		// 60 commits, but at most one recount per 100 ms interval (plus the leading one). The bound
		// grows with the time the burst took, so a slow machine cannot fail it; how fast the
		// recounts reach clients is bench/live.ts's figure.
		expect(updates).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
		expect(w.last().turnout.seq).toBe(60);
	});

	it('refuses to join an assembly that does not exist', async () => {
		await openWithLive('asm-exists');
		const c: Client = connect(server.url, { transports: ['websocket'] });
		clients.push(c);
		expect(await c.emitWithAck('join', { assemblyId: 'nope' })).toEqual({
			ok: false,
			code: 'live.notFound'
		});
		expect(await c.emitWithAck('join', { assemblyId: 'bad id!' })).toEqual({
			ok: false,
			code: 'live.badRequest'
		});
	});
});
