import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { hashEntry } from '../../src/lib/domain/ledger/entries';
import { checkLedger } from '../../src/lib/server/announcement/recount';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { ledgerEntry, owner } from '../../src/lib/server/db/schema';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { getAssembly } from '../../src/lib/server/ledger/parts';
import { VIEW_TTL_MS } from '../../src/lib/server/ledger/heavy';
import { entryBody } from '../../src/lib/server/ledger/store';
import { ledgerView } from '../../src/lib/server/live/ledger-view';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

const MIN = 60_000;
// Each test its own assembly id: the server keeps a few things per assembly in memory.
let ID = '';
let n = 0;

describeEngines(
	'tampering with the stored ledger is named on the public page and the console',
	(db) => {
		/** Open, four ballots (seq 1..4), a checkpoint, close (seq 5, checkpoint of 6 entries). */
		async function closedAssembly() {
			ID = `asm-tamper-${++n}`;
			const t0 = new Date(Date.now() - 10 * 86_400_000);
			const a = await announcedAssembly(db(), { id: ID, now: t0 });
			forgetVotingContext(a.id);
			expect(await openAssembly(db(), a.id, a.staffId, t0)).toMatchObject({ ok: true });
			const owners = await db()
				.select({ id: owner.id })
				.from(owner)
				.where(eq(owner.estateId, 'e-jinse'))
				.orderBy(asc(owner.id));
			for (const [i, o] of owners.slice(1, 5).entries()) {
				const r = await castBallot(
					db(),
					{ assemblyId: a.id, ownerId: o.id, accountId: 'x', choices: { r1: 'for' } },
					new Date(t0.getTime() + (i + 1) * MIN)
				);
				if (!r.ok) throw new Error(r.code);
			}
			await makeCheckpoint(db(), a.id, new Date(t0.getTime() + 10 * MIN));
			const closed = await closeAssembly(
				db(),
				a.id,
				a.staffId,
				new Date(a.closesAt.getTime() + MIN)
			);
			if (!closed.ok) throw new Error(closed.code);
		}

		/** Past the append-only triggers, as someone with the database's owner rights could. */
		const tamper = (...statements: SQL[]) =>
			db().transaction(async (tx) => {
				await tx.execute(sql`set local session_replication_role = replica`);
				for (const s of statements) await tx.execute(s);
			});
		/** What the public ledger page and the console's "verify now" say. */
		async function both() {
			const page = (await ledgerView(db(), (await getAssembly(db(), ID))!)).chain;
			const console = (await checkLedger(db(), ID))!;
			return { page: page.error, console: console.ok ? null : console.error };
		}

		it('an untouched ledger passes both checks', async () => {
			await closedAssembly();
			const page = (await ledgerView(db(), (await getAssembly(db(), ID))!)).chain;
			expect(page).toEqual({ ok: true, entries: 6, error: null });
			expect(await checkLedger(db(), ID)).toMatchObject({ ok: true, error: null, entries: 6 });
		});

		it('a row changed after the page was viewed is named once the kept view expires', async () => {
			await closedAssembly();
			const view = async () => (await ledgerView(db(), (await getAssembly(db(), ID))!)).chain;
			expect((await view()).ok).toBe(true);
			await tamper(
				sql`update ledger_entry set body = replace(body, '"for"', '"against"') where assembly_id = ${ID} and seq = 2`
			);
			vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + VIEW_TTL_MS + 1_000 });
			try {
				expect((await view()).error).toMatchObject({ code: 'chain.hash', seq: 2 });
			} finally {
				vi.useRealTimers();
			}
		});

		it('a changed ballot is named by its seq (chain.hash)', async () => {
			await closedAssembly();
			await tamper(
				sql`update ledger_entry set body = replace(body, '"for"', '"against"') where assembly_id = ${ID} and seq = 3`
			);
			const r = await both();
			expect(r.page).toMatchObject({ code: 'chain.hash', seq: 3 });
			expect(r.console).toMatchObject({ code: 'chain.hash', seq: 3 });
		});

		it('a deleted row is named at its place (chain.seq)', async () => {
			await closedAssembly();
			await tamper(sql`delete from ledger_entry where assembly_id = ${ID} and seq = 2`);
			const r = await both();
			expect(r.page).toMatchObject({ code: 'chain.seq', seq: 2 });
			expect(r.console).toMatchObject({ code: 'chain.seq', seq: 2 });
		});

		it('a deleted last row: the signed checkpoint covers more entries than are stored', async () => {
			await closedAssembly();
			await tamper(sql`delete from ledger_entry where assembly_id = ${ID} and seq = 5`);
			const r = await both();
			expect(r.page).toMatchObject({ code: 'checkpoint.beyond', seq: 5, checkpoint: 2 });
			expect(r.console).toMatchObject({ code: 'checkpoint.beyond', seq: 5, checkpoint: 2 });
		});

		it('two swapped rows are named at the first (chain.seq)', async () => {
			await closedAssembly();
			await tamper(
				sql`update ledger_entry set seq = 1000 where assembly_id = ${ID} and seq = 2`,
				sql`update ledger_entry set seq = 2 where assembly_id = ${ID} and seq = 3`,
				sql`update ledger_entry set seq = 3 where assembly_id = ${ID} and seq = 1000`
			);
			const r = await both();
			expect(r.page).toMatchObject({ code: 'chain.seq', seq: 2 });
			expect(r.console).toMatchObject({ code: 'chain.seq', seq: 2 });
		});

		it('a ballot changed with every later hash recomputed no longer matches the signed checkpoints', async () => {
			await closedAssembly();
			const rows = await db()
				.select({ seq: ledgerEntry.seq, body: ledgerEntry.body, hash: ledgerEntry.hash })
				.from(ledgerEntry)
				.where(eq(ledgerEntry.assemblyId, ID))
				.orderBy(asc(ledgerEntry.seq));
			let prev = rows[1].hash;
			const statements: SQL[] = [];
			for (const row of rows.slice(2)) {
				const e = JSON.parse(row.body.replace('"for"', '"against"'));
				e.prev = prev;
				const hash = hashEntry(e);
				statements.push(
					sql`update ledger_entry set body = ${entryBody({ ...e, hash })}, prev = ${prev}, hash = ${hash} where assembly_id = ${ID} and seq = ${row.seq}`
				);
				prev = hash;
			}
			await tamper(...statements);
			const r = await both();
			expect(r.page).toMatchObject({ code: 'checkpoint.root', seq: null, checkpoint: 1 });
			expect(r.console).toMatchObject({ code: 'checkpoint.root', seq: null, checkpoint: 1 });
		});
	}
);
