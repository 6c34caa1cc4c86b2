import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { assembly } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { checkIn, closeItem, openItem, screenToken } from '../../src/lib/server/meeting/run';
import { presence, screenState } from '../../src/lib/server/meeting/screen';
import { liveSnapshot } from '../../src/lib/server/live/state';
import { fullPart, publicPart } from '../../src/lib/server/live/visible';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

describeEngines('the meeting form (集体讨论)', (db) => {
	async function meeting() {
		const a = await announcedAssembly(db(), { id: 'asm-meet' });
		await db().update(assembly).set({ form: 'meeting' }).where(eq(assembly.id, a.id));
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const voters = await queryRows<{ owner_id: string; area: string }>(
			db(),
			sql`select owner_id, area_hundredths::text as area from assembly_voter where assembly_id = ${a.id} order by owner_id`
		);
		return { ...a, voters };
	}

	it('counts check-ins by area and heads, once per owner, only owners on the roll', async () => {
		const a = await meeting();
		const [v1, v2] = a.voters;
		const s = { assemblyId: a.id, staffId: a.staffId };
		expect(await checkIn(db(), { ...s, ownerId: v1.owner_id, via: 'qr' })).toEqual({ ok: true });
		expect(await checkIn(db(), { ...s, ownerId: v2.owner_id, via: 'search' })).toEqual({
			ok: true
		});
		expect(await checkIn(db(), { ...s, ownerId: v1.owner_id, via: 'search' })).toEqual({
			ok: false,
			code: 'meeting.already'
		});
		expect(await checkIn(db(), { ...s, ownerId: 'e-binhai-o1', via: 'search' })).toEqual({
			ok: false,
			code: 'meeting.notOnRoll'
		});
		const p = await presence(db(), a.id);
		expect(p.present.heads).toBe(2);
		const area = (BigInt(v1.area) + BigInt(v2.area)).toString();
		expect(p.present.area.replace('.', '')).toBe(area.padStart(3, '0'));
		expect(p.totals.heads).toBe(a.voters.length);
	});

	it('opens items one at a time; the projector shows the current item and closed results, nothing personal', async () => {
		const a = await meeting();
		await db().update(assembly).set({ talliesVisible: true }).where(eq(assembly.id, a.id));
		const s = { assemblyId: a.id, staffId: a.staffId };
		const token = await screenToken(db(), a.id);
		expect(await screenToken(db(), a.id)).toBe(token);
		expect(await openItem(db(), { ...s, itemKey: 'r1' })).toEqual({ ok: true });
		expect(await openItem(db(), { ...s, itemKey: 'r2' })).toEqual({
			ok: false,
			code: 'meeting.itemOpen'
		});
		let screen = await screenState(db(), token);
		expect(screen!.current?.id).toBe('r1');
		expect(screen!.results).toEqual([]);
		await castBallot(db(), {
			assemblyId: a.id,
			ownerId: a.voters[0].owner_id,
			accountId: 'x',
			choices: { r1: 'for' }
		});
		expect(await closeItem(db(), s)).toEqual({ ok: true });
		expect(await openItem(db(), { ...s, itemKey: 'r1' })).toEqual({
			ok: false,
			code: 'meeting.itemDone'
		});
		screen = await screenState(db(), token);
		expect(screen!.current).toBeNull();
		expect(screen!.voted.heads).toBe(1);
		expect(screen!.results.map((r) => r.item.id)).toEqual(['r1']);
		expect(screen!.results[0].result).toMatchObject({ for: { heads: 1 } });
		expect(JSON.stringify(screen)).not.toMatch(/e-jinse-o|owner/);
		expect(await screenState(db(), 'f'.repeat(32))).toBeNull();
	});

	it('shows per-item tallies of a closed item only where the rules say so; never of the open one', async () => {
		const a = await meeting();
		const s = { assemblyId: a.id, staffId: a.staffId };
		const token = await screenToken(db(), a.id);
		const vote = (i: number, choices: unknown) =>
			castBallot(db(), {
				assemblyId: a.id,
				ownerId: a.voters[i].owner_id,
				accountId: 'x',
				choices
			});
		expect(await openItem(db(), { ...s, itemKey: 'r1' })).toEqual({ ok: true });
		expect((await vote(0, { r1: 'for' })).ok).toBe(true);
		let snap = (await liveSnapshot(db(), a.id))!;
		// While r1 is open nobody sees its tallies, officials included.
		expect(publicPart(snap).tallies).toBeNull();
		expect(fullPart(snap).tallies).toBeNull();
		expect(await closeItem(db(), s)).toEqual({ ok: true });
		expect(await openItem(db(), { ...s, itemKey: 'r2' })).toEqual({ ok: true });
		expect((await vote(1, { r2: 'against' })).ok).toBe(true);

		// Without the rule: turnout only, the projector and officials alike, r1 closed or not.
		snap = (await liveSnapshot(db(), a.id))!;
		expect(snap.shownItems).toBeNull();
		expect(publicPart(snap).tallies).toBeNull();
		expect(fullPart(snap).tallies).toBeNull();
		expect((await screenState(db(), token))!.results).toEqual([]);

		// With it: the closed item's result for everyone, the open item's for nobody.
		await db().update(assembly).set({ talliesVisible: true }).where(eq(assembly.id, a.id));
		snap = (await liveSnapshot(db(), a.id))!;
		for (const part of [publicPart(snap), fullPart(snap)]) {
			expect(part.tallies!.items.map((i) => i.id)).toEqual(['r1']);
			expect(Object.keys(part.tallies!.results)).toEqual(['r1']);
			expect(part.tallies!.results.r1).toMatchObject({ for: { heads: 1 } });
		}
		const screen = (await screenState(db(), token))!;
		expect(screen.results.map((r) => r.item.id)).toEqual(['r1']);
		expect(screen.current?.id).toBe('r2');
	});
});
