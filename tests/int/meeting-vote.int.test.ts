import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { assembly } from '../../src/lib/server/db/schema';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { closeItem, openItem } from '../../src/lib/server/meeting/run';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

describeEngines('voting during an on-site meeting', (db) => {
	async function meeting(revote: 'last' | 'first' = 'last') {
		const a = await announcedAssembly(db(), { id: 'asm-meet-vote', revote });
		await db().update(assembly).set({ form: 'meeting' }).where(eq(assembly.id, a.id));
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toEqual({ ok: true });
		const voters = await queryRows<{ owner_id: string }>(
			db(),
			sql`select owner_id from assembly_voter where assembly_id = ${a.id} order by owner_id`
		);
		const cast = (ownerId: string, choices: unknown) =>
			castBallot(db(), { assemblyId: a.id, ownerId, accountId: 'acc-' + ownerId, choices });
		const choicesOf = async (seq: number) => {
			const [row] = await queryRows<{ body: string }>(
				db(),
				sql`select body from ledger_entry where assembly_id = ${a.id} and seq = ${seq}`
			);
			return JSON.parse(row.body).choices;
		};
		return { ...a, voters, cast, choicesOf, s: { assemblyId: a.id, staffId: a.staffId } };
	}

	it('before the first item opens, owners vote on every item beforehand', async () => {
		const a = await meeting();
		const r = await a.cast(a.voters[0].owner_id, { r1: 'for', r2: 'against' });
		expect(r.ok).toBe(true);
		if (r.ok) expect(await a.choicesOf(r.receipt.seq)).toEqual({ r1: 'for', r2: 'against' });
	});

	it('while an item is open, accepts a choice for that item only', async () => {
		const a = await meeting();
		expect(await openItem(db(), { ...a.s, itemKey: 'r1' })).toEqual({ ok: true });
		const owner = a.voters[0].owner_id;
		expect(await a.cast(owner, { r2: 'for' })).toEqual({
			ok: false,
			code: 'ballot.itemNotOpen',
			detail: 'r1'
		});
		expect(await a.cast(owner, { r1: 'for', r2: 'for' })).toEqual({
			ok: false,
			code: 'ballot.itemNotOpen',
			detail: 'r1'
		});
		expect(await a.cast(owner, {})).toEqual({
			ok: false,
			code: 'ballot.itemNotOpen',
			detail: 'r1'
		});
		const r = await a.cast(owner, { r1: 'for' });
		expect(r.ok).toBe(true);
		const ballots = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = ${a.id} and type = 'ballot'`
		);
		expect(ballots[0].n).toBe(1);
	});

	it('between items and after the last one, refuses every ballot', async () => {
		const a = await meeting();
		await openItem(db(), { ...a.s, itemKey: 'r1' });
		await closeItem(db(), a.s);
		expect(await a.cast(a.voters[0].owner_id, { r1: 'against' })).toEqual({
			ok: false,
			code: 'ballot.noItemOpen'
		});
		expect(await a.cast(a.voters[0].owner_id, { r2: 'for' })).toEqual({
			ok: false,
			code: 'ballot.noItemOpen'
		});
	});

	it('keeps the earlier items’ choices when the owner votes on the next item (revote "last")', async () => {
		const a = await meeting();
		const owner = a.voters[0].owner_id;
		const early = await a.cast(owner, { e1: ['c1'] });
		expect(early.ok).toBe(true);
		await openItem(db(), { ...a.s, itemKey: 'r1' });
		expect((await a.cast(owner, { r1: 'for' })).ok).toBe(true);
		await closeItem(db(), a.s);
		await openItem(db(), { ...a.s, itemKey: 'r2' });
		const r = await a.cast(owner, { r2: 'against' });
		expect(r.ok).toBe(true);
		if (r.ok)
			expect(await a.choicesOf(r.receipt.seq)).toEqual({
				e1: ['c1'],
				r1: 'for',
				r2: 'against'
			});
	});
});
