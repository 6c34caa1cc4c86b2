import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext, votingContext } from '../../src/lib/server/ballots/context';
import {
	ballotBodyLimit,
	bodyLimitOf,
	readCapped,
	SMALL_BODY_BYTES
} from '../../src/lib/server/body-limit';
import type { Db } from '../../src/lib/server/db/client';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { POST } from '../../src/routes/api/assemblies/[assemblyId]/ballots/+server';
import { describeEngines, queryRows } from '../int/engines';
import { announcedAssembly } from '../int/ledger-fixture';

const ORIGIN = 'http://localhost';
const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

/** A body stream that counts the bytes the server pulled from it. */
function countingStream(bytes: Uint8Array, chunk = 16 * 1024) {
	const state = { pulled: 0 };
	let at = 0;
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (at >= bytes.length) return controller.close();
				const part = bytes.subarray(at, at + chunk);
				at += part.length;
				state.pulled += part.length;
				controller.enqueue(part);
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, state };
}

/** 800,000 made-up item keys: the 12.7 MB body of the attack run. */
function hugeBody(): Uint8Array {
	const parts: string[] = [];
	for (let i = 0; i < 800_000; i++) parts.push(`"k${i}":"for"`);
	return new TextEncoder().encode(`{"choices":{${parts.join(',')}}}`);
}

describeEngines('#12 the ballot body is capped', (db) => {
	async function setup() {
		const a = await announcedAssembly(db(), { id: 'asm-body' });
		forgetVotingContext('asm-body');
		expect(await openAssembly(db(), 'asm-body', a.staffId)).toEqual({ ok: true });
		const [voter] = await queryRows<{ id: string }>(
			db(),
			sql`select owner_id as id from assembly_voter where assembly_id = 'asm-body' order by owner_id limit 1`
		);
		return voter.id;
	}
	const ledgerSize = async () =>
		(
			await queryRows<{ n: number }>(
				db(),
				sql`select count(*)::int as n from ledger_entry where assembly_id = 'asm-body'`
			)
		)[0].n;

	function post(ownerId: string, body: BodyInit, headers: Record<string, string> = {}) {
		const request = new Request(`${ORIGIN}/api/assemblies/asm-body/ballots`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
			body,
			duplex: 'half'
		} as RequestInit);
		const event = {
			request,
			url: new URL(request.url),
			params: { assemblyId: 'asm-body' },
			locals: {
				db: db() as Db,
				locale: 'en',
				user: {
					id: `acc-${ownerId}`,
					login: 'owner',
					displayName: 'owner',
					ownerId,
					grants: [{ role: 'owner', placeId: 'e-jinse' }],
					needsSecondFactor: false
				}
			},
			getClientAddress: () => '127.0.0.1'
		};
		return POST(event as unknown as Parameters<typeof POST>[0]);
	}

	it('a 12.7 MB ballot of 800k keys is refused with 413 unread, streamed or declared', async () => {
		const ownerId = await setup();
		const ctx = (await votingContext(db(), 'asm-body'))!;
		const limit = ballotBodyLimit(ctx.index);
		// A few KB for this assembly (two resolutions, an election of two seats).
		expect(limit).toBeLessThan(4 * 1024);
		const bytes = hugeBody();
		expect(bytes.length).toBeGreaterThan(12_000_000);

		const declared = countingStream(bytes);
		const r1 = await post(ownerId, declared.stream, { 'content-length': String(bytes.length) });
		expect(r1.status).toBe(413);
		expect(await r1.json()).toEqual({
			code: 'ballot.tooLarge',
			message: 'The ballot is far larger than any ballot of this assembly; it was not recorded.'
		});
		expect(declared.state.pulled).toBe(0);

		const chunked = countingStream(bytes);
		const r2 = await post(ownerId, chunked.stream);
		expect(r2.status).toBe(413);
		// Read only up to the bound (plus the chunk that crossed it), never the whole body.
		expect(chunked.state.pulled).toBeLessThanOrEqual(limit + 16 * 1024);
		expect(await ledgerSize()).toBe(1);

		const ok = await post(ownerId, JSON.stringify({ choices }));
		expect(ok.status).toBe(201);
		expect(await ledgerSize()).toBe(2);
	});

	it('the largest honest ballot of the assembly fits the bound', async () => {
		const ownerId = await setup();
		const ctx = (await votingContext(db(), 'asm-body'))!;
		const widest = JSON.stringify(
			{ choices: { r1: 'abstain', r2: 'abstain', e1: ['c1', 'c2'] } },
			null,
			2
		);
		expect(widest.length).toBeLessThan(ballotBodyLimit(ctx.index));
		expect((await post(ownerId, widest)).status).toBe(201);
	});
});

describe('#12 request bodies outside the upload routes', () => {
	it('only the upload routes keep the global limit', () => {
		expect(bodyLimitOf('/(staff)/staff/estates/[estateId]/roll')).toBeNull();
		expect(bodyLimitOf('/register')).toBeNull();
		expect(bodyLimitOf('/login')).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitOf('/(admin)/admin')).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitOf(null)).toBe(SMALL_BODY_BYTES);
	});

	it('readCapped stops at the bound', async () => {
		const big = new Uint8Array(SMALL_BODY_BYTES + 1);
		const req = (body: Uint8Array) =>
			new Request('http://localhost/login', {
				method: 'POST',
				body: countingStream(body).stream,
				duplex: 'half'
			} as RequestInit);
		expect(await readCapped(req(big), SMALL_BODY_BYTES)).toEqual({ ok: false });
		const small = new Uint8Array(1000).fill(65);
		const r = await readCapped(req(small), SMALL_BODY_BYTES);
		expect(r.ok && r.bytes.length).toBe(1000);
	});
});

describeEngines('#17 an Idempotency-Key reused with other choices', (db) => {
	it('answers keyReused; the same body replays the same receipt; no second ballot', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-key' });
		forgetVotingContext('asm-key');
		expect(await openAssembly(db(), 'asm-key', a.staffId)).toEqual({ ok: true });
		const [{ id: ownerId }] = await queryRows<{ id: string }>(
			db(),
			sql`select owner_id as id from assembly_voter where assembly_id = 'asm-key' order by owner_id limit 1`
		);
		const cast = (c: unknown) =>
			castBallot(db(), {
				assemblyId: 'asm-key',
				ownerId,
				accountId: 'acc-key',
				choices: c,
				idempotencyKey: 'retry-key-0001'
			});
		const first = await cast({ r1: 'for', r2: 'against', e1: ['c1'] });
		if (!first.ok) throw new Error(first.code);
		// The same choices in another key order are the same ballot: the first receipt again.
		const again = await cast({ e1: ['c1'], r2: 'against', r1: 'for' });
		expect(again).toEqual({ ok: true, receipt: first.receipt, replayed: true });
		expect(await cast({ r1: 'against', r2: 'against', e1: ['c1'] })).toEqual({
			ok: false,
			code: 'ballot.keyReused'
		});
		// Two submissions with one key in the same batch: the second, differing one is refused.
		const [x, y] = await Promise.all([
			castBallot(db(), {
				assemblyId: 'asm-key',
				ownerId,
				accountId: 'acc-key',
				choices: { r1: 'abstain' },
				idempotencyKey: 'retry-key-0002'
			}),
			castBallot(db(), {
				assemblyId: 'asm-key',
				ownerId,
				accountId: 'acc-key',
				choices: { r1: 'for' },
				idempotencyKey: 'retry-key-0002'
			})
		]);
		expect(x.ok).toBe(true);
		expect(y).toEqual({ ok: false, code: 'ballot.keyReused' });
		const n = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = 'asm-key' and type = 'ballot'`
		);
		expect(n[0].n).toBe(2);
	});
});
