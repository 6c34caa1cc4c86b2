import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	talliesRoom,
	type ClientToServerEvents,
	type LiveState,
	type ServerToClientEvents
} from '../../src/lib/realtime/events';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { DEMO_MEETING_ID, DEMO_OPEN_ID } from '../../src/lib/server/demo-assemblies';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { account, assembly, assemblyItem, assemblyVoter } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { checkIn, closeItem, openItem, screenToken } from '../../src/lib/server/meeting/run';
import { screenState } from '../../src/lib/server/meeting/screen';
import { attachRealtime } from '../../src/lib/server/realtime/attach';
import { registerSocketAuth } from '../../src/lib/server/realtime/auth';
import { startLiveTurnout } from '../../src/lib/server/realtime/live';
import { GET as screenStateGet } from '../../src/routes/screen/[token]/state/+server';
import { queryRows } from '../int/engines';
import { useRealtimeServer } from '../support/realtime-server';
import { LOGINS, ROLES, userOf, type Role } from './route-harness';

/**
 * The role × socket-event matrix and the privacy scan of socket payloads (#12, security-legal.md
 * part 2). The events come from the shared event map (src/lib/realtime/events.ts): an event
 * added there without a row here fails the suite. Runs on PGlite (access and payloads do not
 * depend on the engine) against the demo estate, through real Socket.IO connections.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a join answers: `tallies` (per-item results too), `public` (turnout only), `refused`. */
type Join = 'tallies' | 'public' | 'refused';
const CLIENT_EVENTS: Record<string, Record<'announced' | 'draft', Record<Role, Join>>> = {
	join: {
		// An announced assembly of 金色家园: anyone may watch the turnout; its officials see tallies.
		announced: {
			anonymous: 'public',
			owner: 'public',
			staffA: 'tallies',
			staffB: 'public',
			oversight: 'tallies',
			admin: 'tallies'
		},
		// A draft is the estate officials' business: nobody else learns it exists.
		draft: {
			anonymous: 'refused',
			owner: 'refused',
			staffA: 'tallies',
			staffB: 'refused',
			oversight: 'tallies',
			admin: 'tallies'
		}
	},
	// Leaving stops the updates, for every role (tested below); no rights to check.
	leave: {
		announced: {
			anonymous: 'public',
			owner: 'public',
			staffA: 'public',
			staffB: 'public',
			oversight: 'public',
			admin: 'public'
		},
		draft: {
			anonymous: 'public',
			owner: 'public',
			staffA: 'public',
			staffB: 'public',
			oversight: 'public',
			admin: 'public'
		}
	}
};
const SERVER_EVENTS = ['live:state'];

/** The event names of an interface in the shared event map, read from its source. */
function eventsOf(name: string): string[] {
	const src = readFileSync('src/lib/realtime/events.ts', 'utf8');
	const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(src)![1];
	return [...body.matchAll(/^\t'?([\w:]+)'?\s*:/gm)].map((m) => m[1]).sort();
}

const server = useRealtimeServer();
let db: Db;
let close: () => Promise<void>;
let stop = () => {};
const clients: Client[] = [];
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
	const d = await openDatabase({ dataDir: 'memory://' });
	db = d.db;
	close = d.close;
	await seedDemoIfEmpty(db, { assemblies: true });
	registerSocketAuth(db);
	stop = startLiveTurnout(attachRealtime(server.http), db, 50);
	for (const role of ROLES)
		if (LOGINS[role]) cookies[role] = `gongyi_session=${(await userOf(db, LOGINS[role]!)).token}`;
}, 120_000);
afterAll(async () => {
	stop();
	for (const c of clients.splice(0)) c.disconnect();
	await close?.();
});

function client(role: Role): Client {
	const cookie = cookies[role];
	const c: Client = connect(server.url, {
		transports: ['websocket'],
		extraHeaders: cookie ? { cookie } : {}
	});
	clients.push(c);
	return c;
}

/** Joins and waits for the first state; what the socket may see. */
async function join(c: Client, assemblyId: string): Promise<{ kind: Join; states: LiveState[] }> {
	const states: LiveState[] = [];
	c.on('live:state', (s) => states.push(s));
	const answer = await c.emitWithAck('join', { assemblyId });
	if (!answer.ok) return { kind: 'refused', states };
	await until(() => states.length > 0);
	// In the tallies room, the socket gets per-item results with every update.
	const inTallies = attachRealtime(server.http).sockets.adapter.rooms.get(talliesRoom(assemblyId));
	return { kind: inTallies?.has(c.id!) ? 'tallies' : 'public', states };
}

async function until(cond: () => boolean, ms = 5_000) {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end) throw new Error('timed out waiting for a live update');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('role × socket-event matrix', () => {
	it('every event of the shared event map has a row', () => {
		expect(eventsOf('ClientToServerEvents'), 'client events without a row').toEqual(
			Object.keys(CLIENT_EVENTS).sort()
		);
		expect(eventsOf('ServerToClientEvents'), 'server events without a privacy scan').toEqual(
			SERVER_EVENTS
		);
	});

	it('join and leave, as each role, on an announced and a draft assembly', async () => {
		const [staff] = await db.select().from(account).where(eq(account.login, 'staff'));
		await db.insert(assembly).values({
			id: 'asm-draft-matrix',
			estateId: 'e-jinse',
			title: '草稿',
			form: 'written',
			state: 'draft',
			opensAt: new Date(Date.now() + 86_400_000),
			closesAt: new Date(Date.now() + 7 * 86_400_000),
			revote: 'last',
			blank: 'abstain',
			createdBy: staff.id
		});
		const wrong: string[] = [];
		for (const [state, id] of [
			['announced', DEMO_MEETING_ID],
			['draft', 'asm-draft-matrix']
		] as const)
			for (const role of ROLES) {
				const got = (await join(client(role), id)).kind;
				const want = CLIENT_EVENTS.join[state][role];
				if (got !== want) wrong.push(`join ${state} as ${role}: ${got}, the table says ${want}`);
			}
		expect(wrong).toEqual([]);
		// A bad payload is answered, not thrown on.
		for (const payload of [{}, { assemblyId: 5 }, { assemblyId: 'x'.repeat(65) }, null])
			expect(await client('anonymous').emitWithAck('join', payload as never)).toEqual({
				ok: false,
				code: 'live.badRequest'
			});
		// After leave, a ballot no longer reaches the socket.
		const c = client('anonymous');
		const watched = await join(c, DEMO_OPEN_ID);
		const other = await join(client('anonymous'), DEMO_OPEN_ID);
		c.emit('leave', { assemblyId: DEMO_OPEN_ID });
		await new Promise((r) => setTimeout(r, 50));
		const seen = watched.states.length;
		const before = other.states.length;
		await vote(DEMO_OPEN_ID, 1);
		await until(() => other.states.length > before);
		expect(watched.states.length).toBe(seen);
	});
});

/** `n` roll owners who have not voted yet cast a ballot in the assembly. */
async function vote(assemblyId: string, n: number, itemKey?: string): Promise<string[]> {
	const voters = await queryRows<{ ownerId: string }>(
		db,
		sql`select owner_id as "ownerId" from assembly_voter where assembly_id = ${assemblyId}
			order by owner_id desc limit ${n}`
	);
	const items = await db
		.select({ key: assemblyItem.key, type: assemblyItem.type })
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, assemblyId));
	const cast: string[] = [];
	for (const v of voters) {
		const choices = Object.fromEntries(
			items.filter((i) => !itemKey || i.key === itemKey).map((i) => [i.key, 'for'])
		);
		const r = await castBallot(db, {
			assemblyId,
			ownerId: v.ownerId,
			accountId: 'x',
			choices
		});
		if (r.ok) cast.push(v.ownerId);
	}
	return cast;
}

describe('privacy of socket payloads and the projector', () => {
	it('what anonymous and owner sockets and the projector get during a vote and a meeting holds nothing personal', async () => {
		const payloads: { where: string; text: string }[] = [];
		const watch = async (role: Role, id: string) => {
			const w = await join(client(role), id);
			return () =>
				payloads.push(
					...w.states.map((s) => ({ where: `${role} ${id}`, text: JSON.stringify(s) }))
				);
		};
		// A written vote: watchers first, then ballots.
		const flushOpen = [await watch('anonymous', DEMO_OPEN_ID), await watch('owner', DEMO_OPEN_ID)];
		const openVoters = await vote(DEMO_OPEN_ID, 5);
		expect(openVoters.length).toBe(5);

		// The meeting: opened, owners checked in, an item opened, voted on and closed.
		const [staff] = await db.select().from(account).where(eq(account.login, 'staff'));
		forgetVotingContext(DEMO_MEETING_ID);
		expect(await openAssembly(db, DEMO_MEETING_ID, staff.id)).toEqual({ ok: true });
		const flushMeeting = [
			await watch('anonymous', DEMO_MEETING_ID),
			await watch('owner', DEMO_MEETING_ID)
		];
		const token = await screenToken(db, DEMO_MEETING_ID);
		const projector = async (step: string) => {
			payloads.push({
				where: `screen ${step}`,
				text: JSON.stringify(await screenState(db, token))
			});
			const r = await screenStateGet({
				params: { token },
				locals: { db },
				setHeaders: () => {}
			} as never);
			payloads.push({ where: `screen GET ${step}`, text: await r.text() });
		};
		await projector('opened');
		const voters = await db
			.select({ ownerId: assemblyVoter.ownerId })
			.from(assemblyVoter)
			.where(eq(assemblyVoter.assemblyId, DEMO_MEETING_ID))
			.limit(4);
		for (const v of voters)
			expect(
				await checkIn(db, {
					assemblyId: DEMO_MEETING_ID,
					staffId: staff.id,
					ownerId: v.ownerId,
					via: 'search'
				})
			).toEqual({ ok: true });
		await projector('checked in');
		const [item] = await db
			.select({ key: assemblyItem.key })
			.from(assemblyItem)
			.where(eq(assemblyItem.assemblyId, DEMO_MEETING_ID))
			.orderBy(assemblyItem.position)
			.limit(1);
		expect(
			await openItem(db, { assemblyId: DEMO_MEETING_ID, staffId: staff.id, itemKey: item.key })
		).toEqual({ ok: true });
		await projector('item open');
		const meetingBallots = [];
		for (const v of voters)
			meetingBallots.push(
				await castBallot(db, {
					assemblyId: DEMO_MEETING_ID,
					ownerId: v.ownerId,
					accountId: 'x',
					choices: { [item.key]: 'for' }
				})
			);
		expect(meetingBallots.filter((r) => r.ok).length).toBe(voters.length);
		await projector('voted');
		expect(await closeItem(db, { assemblyId: DEMO_MEETING_ID, staffId: staff.id })).toEqual({
			ok: true
		});
		await projector('item closed');
		// Let the coalesced broadcasts arrive.
		await new Promise((r) => setTimeout(r, 300));
		for (const f of [...flushOpen, ...flushMeeting]) f();
		expect(payloads.filter((p) => p.where.startsWith('anonymous')).length).toBeGreaterThan(2);
		expect(payloads.filter((p) => p.where.startsWith('owner')).length).toBeGreaterThan(2);

		// What must not appear: every 金色家园 owner's name, phone, ID key and last four, owner id,
		// the account ids and logins of owners, and the labels and ids of the voters' units.
		const owners = await queryRows<{
			id: string;
			name: string;
			phone: string | null;
			idKey: string | null;
			idLast4: string | null;
		}>(
			db,
			sql`select id, name, phone, id_key as "idKey", id_last4 as "idLast4" from owner where estate_id = 'e-jinse'`
		);
		const accounts = await queryRows<{ id: string; login: string }>(
			db,
			sql`select id, login from account where owner_id is not null`
		);
		const votedUnits = await queryRows<{ id: string; label: string; building: string }>(
			db,
			sql`select u.id, u.label, b.name as building from unit u join building b on b.id = u.building_id
				where u.owner_id in (${sql.join(
					[...openVoters, ...voters.map((v) => v.ownerId)].map((id) => sql`${id}`),
					sql`, `
				)})`
		);
		expect(owners.length).toBeGreaterThan(100);
		expect(votedUnits.length).toBeGreaterThan(0);
		// The items' public text (candidates' names) may coincide with an owner's name.
		const itemsText = JSON.stringify(
			await queryRows(db, sql`select title, description from assembly_item`)
		);
		const secrets = [
			...owners.flatMap((o) => [o.id, o.phone, o.idKey]),
			...owners.map((o) => o.name).filter((n) => n.length >= 2 && !itemsText.includes(n)),
			...accounts.flatMap((a) => [a.id, `"${a.login}"`]),
			...votedUnits.flatMap((u) => [u.id, `${u.building}${u.label}`, `"${u.label}"`])
		].filter((x): x is string => !!x);
		const found = payloads.flatMap((p) =>
			secrets.filter((s) => p.text.includes(s)).map((s) => `${p.where}: ${s}`)
		);
		expect(found).toEqual([]);
		// Nor a choice tied to anyone: no payload names an owner or account, so a choice in one
		// (the tallies, when public) is an aggregate; no payload carries a per-ballot entry either.
		for (const p of payloads)
			expect(p.text, p.where).not.toMatch(/"(ownerId|accountId|unitId|choices)"/);
	});
});
