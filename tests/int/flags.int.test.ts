import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { makeBallotEntry } from '../../src/lib/domain/ledger/entries';
import { appendAudit } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { assemblyVoter, owner } from '../../src/lib/server/db/schema';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { insertEntries, lastEntry } from '../../src/lib/server/ledger/store';
import { anomalyFlags, TURNOUT_JUMP } from '../../src/lib/server/oversight/flags';
import { recordBallotOrigin } from '../../src/lib/server/oversight/origin';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

const MIN = 60_000;
const HOUR = 60 * MIN;

describeEngines('anomaly flags', (db) => {
	/** Open at t0, three ballots, a checkpoint five minutes later; `before` runs before closing. */
	async function assemblyWith(
		id: string,
		before?: (a: { id: string; t0: Date; closesAt: Date }) => Promise<void>
	) {
		const t0 = new Date(Date.now() - 10 * 24 * HOUR);
		const a = await announcedAssembly(db(), { id, now: t0 });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId, t0)).toMatchObject({ ok: true });
		const owners = await db()
			.select({ id: owner.id })
			.from(owner)
			.where(eq(owner.estateId, 'e-jinse'));
		for (const [i, o] of owners.slice(0, 3).entries()) {
			const at = new Date(t0.getTime() + (i + 1) * MIN);
			const r = await castBallot(
				db(),
				{ assemblyId: a.id, ownerId: o.id, accountId: 'x', choices: { r1: 'for' } },
				at
			);
			if (!r.ok) throw new Error(r.code);
		}
		await makeCheckpoint(db(), a.id, new Date(t0.getTime() + 5 * MIN));
		await before?.({ id: a.id, t0, closesAt: a.closesAt });
		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 3 * HOUR))
		).toMatchObject({ ok: true });
		return { ...a, t0 };
	}
	const codes = async (id: string) => (await anomalyFlags(db(), id)).map((f) => f.code);

	it('an ordinary assembly raises no flag', async () => {
		const a = await assemblyWith('asm-calm');
		for (const [i, addr] of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].entries())
			await recordBallotOrigin(db(), {
				assemblyId: a.id,
				seq: i + 1,
				address: addr,
				device: 'd',
				at: new Date(a.t0.getTime() + i * MIN)
			});
		expect(await codes(a.id)).toEqual([]);
	});

	it('five ballots from one network address within ten minutes; four do not', async () => {
		const a = await assemblyWith('asm-burst');
		const put = (seq: number, minute: number) =>
			recordBallotOrigin(db(), {
				assemblyId: a.id,
				seq,
				address: '203.0.113.7',
				device: 'phone',
				at: new Date(a.t0.getTime() + minute * MIN)
			});
		for (const [seq, m] of [
			[1, 0],
			[2, 2],
			[3, 4],
			[4, 6]
		])
			await put(seq, m);
		expect(await codes(a.id)).toEqual([]);
		await put(5, 9);
		expect(await anomalyFlags(db(), a.id)).toEqual([
			{ code: 'addressBurst', count: 5, minutes: 10 }
		]);
	});

	it('a roll edit within 48 hours before opening; one earlier does not count', async () => {
		const old = await assemblyWith('asm-roll-old');
		await appendAudit(
			db(),
			{ scope: 'e-jinse', actorId: null, action: 'unit.update', subject: 'u' },
			new Date(old.t0.getTime() - 50 * HOUR)
		);
		expect(await codes(old.id)).toEqual([]);
		await appendAudit(
			db(),
			{ scope: 'e-jinse', actorId: null, action: 'unit.update', subject: 'u' },
			new Date(old.t0.getTime() - 2 * HOUR)
		);
		expect(await codes(old.id)).toEqual(['rollEditBeforeOpen']);
	});

	it('ballots left without a signed checkpoint for more than six hours', async () => {
		const a = await assemblyWith('asm-gap', async ({ id, t0 }) => {
			const [o] = await db()
				.select({ id: assemblyVoter.ownerId })
				.from(assemblyVoter)
				.where(eq(assemblyVoter.assemblyId, id))
				.offset(5)
				.limit(1);
			const r = await castBallot(
				db(),
				{ assemblyId: id, ownerId: o.id, accountId: 'x', choices: { r1: 'against' } },
				new Date(t0.getTime() + HOUR)
			);
			if (!r.ok) throw new Error(r.code);
		});
		expect(await codes(a.id)).toEqual(['checkpointGap']);
	});

	it('a paper ballot entered after the voting window closed; one inside the window does not count', async () => {
		const paper = (id: string, at: Date) => async () => {
			const [v] = await db()
				.select()
				.from(assemblyVoter)
				.where(eq(assemblyVoter.assemblyId, id))
				.offset(7)
				.limit(1);
			const prev = (await lastEntry(db(), id))!;
			const entry = makeBallotEntry(prev, {
				at: at.toISOString(),
				owner: v.pseudonym,
				channel: 'paper',
				choices: { r1: 'for' },
				nonce: 'ab'.repeat(16)
			});
			await insertEntries(db(), id, [entry]);
			await makeCheckpoint(db(), id, new Date(at.getTime() + MIN));
		};
		const inside = await assemblyWith('asm-paper-in', async ({ id, closesAt }) =>
			paper(id, new Date(closesAt.getTime() - HOUR))()
		);
		expect(await codes(inside.id)).not.toContain('paperAfterClose');
		const late = await assemblyWith('asm-paper-late', async ({ id, closesAt }) =>
			paper(id, new Date(closesAt.getTime() + HOUR))()
		);
		expect(await anomalyFlags(db(), late.id)).toContainEqual({ code: 'paperAfterClose', count: 1 });
	});

	it('a fifth of the owners voting online within one hour; the same ballots spread over a day do not', async () => {
		/** A fifth of the owners vote online, `step` minutes apart from an hour after opening, each under a checkpoint. */
		const ballots = (stepMinutes: number) => async (a: { id: string; t0: Date }) => {
			const voters = await db()
				.select({ id: assemblyVoter.ownerId })
				.from(assemblyVoter)
				.where(eq(assemblyVoter.assemblyId, a.id))
				.orderBy(assemblyVoter.ownerId);
			const n = Math.ceil(TURNOUT_JUMP.share * voters.length);
			for (const [i, v] of voters.slice(-n).entries()) {
				const at = new Date(a.t0.getTime() + HOUR + i * stepMinutes * MIN);
				const r = await castBallot(
					db(),
					{ assemblyId: a.id, ownerId: v.id, accountId: 'x', choices: { r1: 'for' } },
					at
				);
				if (!r.ok) throw new Error(r.code);
				await makeCheckpoint(db(), a.id, new Date(at.getTime() + MIN / 2));
			}
			return { n, voters: voters.length };
		};
		let spread = { n: 0, voters: 0 };
		const calm = await assemblyWith('asm-spread', async (a) => {
			spread = await ballots(40)(a);
		});
		expect(spread.n).toBeGreaterThanOrEqual(TURNOUT_JUMP.minBallots);
		expect(await codes(calm.id)).toEqual([]);
		let jump = { n: 0, voters: 0 };
		const fast = await assemblyWith('asm-jump', async (a) => {
			jump = await ballots(1)(a);
		});
		expect(await anomalyFlags(db(), fast.id)).toEqual([
			{
				code: 'turnoutJump',
				count: jump.n,
				minutes: 60,
				percent: Math.round((100 * jump.n) / jump.voters)
			}
		]);
	});
});
