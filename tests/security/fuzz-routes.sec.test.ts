import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	DEMO_MEETING_ID,
	DEMO_OPEN_ID,
	DEMO_PUBLISHED_ID
} from '../../src/lib/server/demo-assemblies';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { nulIn } from '../../src/lib/server/nul-gate';
import { queryRows } from '../int/engines';
import { eventOf, outcomeOf, routeEntries, userOf, type Entry } from './route-harness';

/**
 * fast-check over every form action and every endpoint that takes a body (#12, security-legal.md
 * part 2): each gets arbitrary fields (the names it reads, random ones, repeated ones; values of
 * any Unicode, numbers, ids of the demo, very long strings) or an arbitrary JSON / byte body, as a
 * role allowed to reach it, through its SvelteKit handler on one shared database. It must never
 * answer 5xx or throw anything but SvelteKit's redirect/error, and an input it refuses (4xx) must
 * leave every table as it was: nothing half-written.
 *
 * Cases per entry: GONGYI_FUZZ_RUNS, 40 by default (what `npm test` and CI run: about 3,200
 * cases in about 20 s). The release run is 10,000 per entry (`npm run fuzz`, about an hour of
 * one core; SECURITY.md has its figures). The two entries that print a PDF of every owner get
 * RUNS / 50. GONGYI_FUZZ_SHARD=i/n takes every n-th entry from the i-th (0-based), so a long run
 * can be spread over processes; GONGYI_FUZZ_ONLY=<regexp> keeps the entries whose key matches
 * (one route at release strength after a change to it); GONGYI_FUZZ_SEED changes the inputs (the default is fixed, so a
 * failure in CI replays). The ballot endpoint and the roll importer have their own 10,000-case
 * fuzzer (fuzz.sec.test.ts). Runs on PGlite: input handling does not depend on the engine.
 */
const RUNS = Number(process.env.GONGYI_FUZZ_RUNS ?? 40);
const SEED = Number(process.env.GONGYI_FUZZ_SEED ?? 20261202);
const [SHARD, SHARDS] = (process.env.GONGYI_FUZZ_SHARD ?? '0/1').split('/').map(Number);
/** GONGYI_FUZZ_ONLY: a regular expression; only the entries whose key matches it run. */
const ONLY = new RegExp(process.env.GONGYI_FUZZ_ONLY ?? '');

/** Who may reach an entry (as in access-matrix.sec.test.ts), so the input is what gets tested. */
function loginFor(routeId: string): string | null {
	if (routeId.startsWith('/(admin)')) return 'admin';
	if (routeId.startsWith('/(oversight)')) return 'oversight';
	if (routeId.startsWith('/(staff)')) return 'staff';
	if (/^\/(\(owner\)|account|proxy|api\/assemblies)/.test(routeId)) return 'owner1';
	if (routeId.startsWith('/login/totp')) return 'staff';
	return null;
}

/** Tables that may change on a refused input by design: throttling and session bookkeeping. */
const BOOKKEEPING = new Set(['session', 'throttle']);

/** Entries that build a PDF of every owner when the input is acceptable: RUNS / 50 cases. */
const HEAVY = /\/(letters|ballots\.pdf)$/;

/** Field names an entry reads: `.get('x')`, `.getAll('x')` and zod object keys in its file. */
function fieldsOf(file: string): string[] {
	const src = readFileSync(file.replace(/^(\.\.\/)+/, ''), 'utf8');
	const names = new Set<string>();
	for (const m of src.matchAll(/\.get(?:All)?\('([^']+)'\)/g)) names.add(m[1]);
	for (const m of src.matchAll(/^\s*(\w+): z\./gm)) names.add(m[1]);
	return [...names];
}

let db: Db;
let close: () => Promise<void>;
let entries: Entry[];
let ids: string[];
let tables: string[];

beforeAll(async () => {
	const d = await openDatabase({ dataDir: 'memory://' });
	db = d.db;
	close = d.close;
	await seedDemoIfEmpty(db, { assemblies: true });
	entries = (await routeEntries())
		.filter(
			(e) =>
				(e.kind === 'action' && e.routeId !== '/logout') ||
				(e.kind === 'method' && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(e.name))
		)
		.filter((e) => ONLY.test(e.key))
		.filter((_, i) => i % SHARDS === SHARD);
	const some = await queryRows<{ id: string }>(
		db,
		sql`(select id from unit where estate_id = 'e-jinse' limit 3)
			union all (select id from owner where estate_id = 'e-jinse' limit 3)
			union all (select id from account limit 3)
			union all (select key as id from assembly_item where assembly_id = ${DEMO_OPEN_ID})
			union all (select id from candidate limit 3)`
	);
	ids = [...some.map((r) => r.id), DEMO_OPEN_ID, DEMO_PUBLISHED_ID, DEMO_MEETING_ID, 'e-jinse'];
	tables = (
		await queryRows<{ t: string }>(
			db,
			sql`select tablename as t from pg_tables where schemaname = 'public' order by 1`
		)
	).map((r) => r.t);
	await watchWrites();
}, 120_000);
afterAll(async () => {
	await close?.();
});

/**
 * Every row inserted, updated or deleted in a table other than the bookkeeping ones bumps that
 * table's counter in `fuzz_write`, in the same transaction: a write that is rolled back leaves no
 * trace, one that is committed does, whether it added a row or changed one. Reading the counters
 * costs one small query, a tenth of counting every table's rows.
 */
async function watchWrites(): Promise<void> {
	await db.execute(sql`create table fuzz_write (t text primary key, n int not null)`);
	await db.execute(
		sql.raw(`create function fuzz_note() returns trigger language plpgsql as $$
			begin
				insert into fuzz_write values (TG_TABLE_NAME, 1)
					on conflict (t) do update set n = fuzz_write.n + 1;
				return null;
			end $$`)
	);
	for (const t of tables.filter((t) => !BOOKKEEPING.has(t)))
		await db.execute(
			sql.raw(
				`create trigger fuzz_note after insert or update or delete on "${t}" for each row execute function fuzz_note()`
			)
		);
}

/** Writes so far per table. */
async function writes(): Promise<Record<string, number>> {
	const rows = await queryRows<{ t: string; n: number }>(db, sql`select t, n from fuzz_write`);
	return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

const value = () =>
	fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 20 }),
		fc.constantFrom(...ids),
		fc.integer().map(String),
		fc.double().map(String),
		fc.constantFrom('', ' ', 'yes', 'true', 'on', '0', '-1', '1e20', 'NaN', '__proto__', '../..'),
		fc.constantFrom('\u0000', 'owner1\u0000', '%00'),
		fc.constantFrom('x'.repeat(5_000), '中'.repeat(2_000), '=HYPERLINK("http://e")', '<script>')
	);

function formArb(fields: string[]) {
	const key = fields.length
		? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, fc.string({ maxLength: 12 }))
		: fc.string({ maxLength: 12 });
	return fc.array(fc.tuple(key, value()), { maxLength: 10 });
}

const jsonBody = fc.oneof(
	fc.json({ maxDepth: 3 }),
	fc.string({ maxLength: 200 }),
	fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder('latin1').decode(b))
);

it('the write watch sees a committed insert or update and no rolled-back one', async () => {
	const before = await writes();
	await db.execute(sql`update place set name = name where id = 'e-jinse'`);
	await db
		.transaction(async (tx) => {
			await tx.execute(sql`update place set name = 'x' where id = 'e-jinse'`);
			tx.rollback();
		})
		.catch(() => {});
	await db.execute(sql`update session set expires_at = expires_at where false`);
	const after = await writes();
	expect((after.place ?? 0) - (before.place ?? 0)).toBe(1);
	expect(after.session).toBeUndefined();
});

it(`every form action and body-taking endpoint: ${RUNS} arbitrary inputs each, no 5xx, no crash, nothing half-written`, async () => {
	const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
	const started = Date.now();
	const sessions = new Map<string, Awaited<ReturnType<typeof userOf>>>();
	const report: string[] = [];
	let total = 0;
	for (const e of entries) {
		const login = loginFor(e.routeId);
		if (login && !sessions.has(login)) sessions.set(login, await userOf(db, login));
		const u = login ? sessions.get(login)! : null;
		const params = {
			estateId: 'e-jinse',
			assemblyId: e.routeId.endsWith('/meeting') ? DEMO_MEETING_ID : DEMO_OPEN_ID,
			unitId: ids[0],
			seq: '1',
			id: 'x',
			requestId: 'x',
			authorisationId: 'x'
		};
		const fields = fieldsOf(e.file);
		const isForm =
			e.kind === 'action' ||
			/formData|readForm/.test(readFileSync(e.file.replace(/^(\.\.\/)+/, ''), 'utf8'));
		let n = 0;
		const t0 = Date.now();
		const arb = isForm
			? formArb(fields).map((pairs) => {
					const f = new FormData();
					for (const [k, v] of pairs) f.append(k, v);
					return { body: f as BodyInit, headers: {} };
				})
			: jsonBody.map((s) => ({
					body: s as BodyInit,
					headers: { 'content-type': 'application/json' }
				}));
		await fc.assert(
			fc.asyncProperty(arb, async (input) => {
				n++;
				const before = await writes();
				const event = eventOf({
					db,
					routeId: e.routeId,
					params,
					user: u?.user ?? null,
					sessionId: u?.sessionId,
					token: u?.token,
					method: e.kind === 'action' ? 'POST' : e.name,
					body: input.body,
					headers: input.headers,
					address: `192.0.2.${(n % 250) + 1}`
				});
				// The request hook answers a NUL itself (nul-gate.ts): the handler never sees it.
				const o = (await nulIn(event)) ? { status: 400 } : await outcomeOf(() => e.call(event)); // throws on 5xx or a crash
				if (o.status >= 400) {
					const after = await writes();
					const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
					expect(changed, `${e.key} refused (${o.status}) but wrote to`).toEqual([]);
				}
			}),
			{ numRuns: HEAVY.test(e.routeId) ? Math.max(2, Math.ceil(RUNS / 50)) : RUNS, seed: SEED }
		);
		total += n;
		report.push(`${e.key}: ${n} in ${Date.now() - t0} ms`);
	}
	logged.mockRestore();
	console.log(
		`[fuzz-routes] ${entries.length} entries, ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n${report.join('\n')}`
	);
	expect(entries.length).toBeGreaterThan(process.env.GONGYI_FUZZ_ONLY ? 0 : 60 / SHARDS);
}, 3_600_000);
