import fc from 'fast-check';
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { PROBLEM_CODES, previewRoll } from '../../src/lib/domain/roll';
import { BallotBody } from '../../src/lib/server/ballots/body';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext, votingContext } from '../../src/lib/server/ballots/context';
import { choicesProblem } from '../../src/lib/domain/counting/choice';
import { ballotBodyLimit } from '../../src/lib/server/body-limit';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { commitImport } from '../../src/lib/server/roll/import-roll';
import { readRollFile } from '../../src/lib/server/roll/read-file';
import { storedZip } from '../../src/lib/server/roll/zip-guard';
import { personalDataHasher } from '../../src/lib/server/secrets';
import { describeEngines, queryRows } from '../int/engines';
import { announcedAssembly } from '../int/ledger-fixture';
import { HEADER, V1, csv, makeEstate } from '../int/roll-helpers';

const CODES = new Set<string>(PROBLEM_CODES);
const header = HEADER.split(',');

/** Cells that look like a roll's, and hostile ones: formulas, long text, controls, odd Unicode. */
const cell = fc.oneof(
	fc.constantFrom('1栋', '101', '住宅', '商铺', '89.50', '登记簿', '张三', '是', '否', ''),
	fc.constantFrom('=1+1', '+86', '-5', '@SUM(A1)', '1e400', 'NaN', '0.001', '\u0000', '\uFEFF'),
	fc.constantFrom('110101199001011234', '11010119850202567X', '13800000001'),
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.string({ minLength: 990, maxLength: 1010 })
);
const rowsArb = fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 12 });

/** A file: CSV text of fuzzed rows (sometimes with the real header), raw bytes, or a zip. */
const fileArb = fc.oneof(
	{
		weight: 20,
		arbitrary: fc.tuple(fc.boolean(), rowsArb).map(([withHeader, rows]) => {
			const text = Papa.unparse(withHeader ? [header, ...rows] : rows);
			return { bytes: new TextEncoder().encode(text), name: 'roll.csv' };
		})
	},
	{
		weight: 6,
		arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ bytes, name: 'roll.csv' }))
	},
	{
		weight: 6,
		arbitrary: fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.boolean()).map(([tail, magic]) => ({
			bytes: new Uint8Array([...(magic ? [0x50, 0x4b, 0x03, 0x04] : []), ...tail]),
			name: 'roll.xlsx'
		}))
	},
	{
		weight: 1,
		arbitrary: fc
			.array(
				fc.tuple(
					fc.constantFrom(
						'xl/workbook.xml',
						'xl/sharedStrings.xml',
						'xl/worksheets/sheet1.xml',
						'_rels/.rels'
					),
					fc.string({ maxLength: 200 })
				),
				{ maxLength: 5 }
			)
			.map((parts) => ({
				bytes: storedZip(
					parts.map(([name, text]) => ({ name, data: new TextEncoder().encode(text) }))
				),
				name: 'roll.xlsx'
			}))
	}
);

describeEngines('fast-check fuzzer: importer and ballot endpoint', (db) => {
	it('10,000 fuzzed roll files: no throw, only known problem codes; 20 commits all-or-nothing', async () => {
		const idKey = await personalDataHasher(db());
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(fileArb, async ({ bytes, name }) => {
				const file = await readRollFile(bytes, name);
				if ('error' in file) {
					expect(CODES.has(file.error.code)).toBe(true);
					refused++;
					return;
				}
				const preview = previewRoll(file, { idKey });
				for (const p of preview.problems) expect(CODES.has(p.code)).toBe(true);
				expect(preview.ok).toBe(preview.problems.length === 0);
			}),
			{ numRuns: 10_000, seed: 20261202 }
		);
		expect(refused).toBeGreaterThan(0);

		// Committed through the real use case: a refused file leaves the stored roll as it was.
		const { estateId, staffId } = await makeEstate(db());
		const first = await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
		expect(first.ok).toBe(true);
		const snapshot = async () =>
			queryRows<{ n: number; owners: number }>(
				db(),
				sql`select (select count(*)::int from unit where estate_id = ${estateId}) as n,
				(select count(*)::int from owner where estate_id = ${estateId}) as owners`
			);
		const stored = await snapshot();
		await fc.assert(
			fc.asyncProperty(rowsArb, async (rows) => {
				const lines = rows.map((r) => Papa.unparse([r]));
				const r = await commitImport(db(), staffId, estateId, csv(...V1, ...lines), 'f.csv');
				if (!r.ok) expect(await snapshot()).toEqual(stored);
				else {
					// A fuzzed file that passes is imported whole; put V1 back for the next case.
					const back = await commitImport(db(), staffId, estateId, csv(...V1), 'v1.csv');
					expect(back.ok).toBe(true);
				}
			}),
			{ numRuns: 20, seed: 7 }
		);
	});

	it('10,000 fuzzed ballot bodies through the endpoint checks, 500 cast: known answers, one entry per accepted ballot', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-fuzz' });
		forgetVotingContext('asm-fuzz');
		expect(await openAssembly(db(), 'asm-fuzz', a.staffId)).toEqual({ ok: true });
		const [{ id: ownerId }] = await queryRows<{ id: string }>(
			db(),
			sql`select owner_id as id from assembly_voter where assembly_id = 'asm-fuzz' order by owner_id limit 1`
		);
		const index = (await votingContext(db(), 'asm-fuzz'))!.index;
		const limit = ballotBodyLimit(index);
		// Every case runs the endpoint's checks; the first 500 that pass them also go to the ledger.
		let toCast = 500;
		const choice = fc.oneof(
			fc.constantFrom('for', 'against', 'abstain', 'spoiled', 'yes', '', null, 1),
			fc.array(fc.constantFrom('c1', 'c2', 'c3', 'c9', 'asm-fuzz-c1', ''), { maxLength: 4 }),
			fc.anything({ maxDepth: 2 })
		);
		const key = fc.constantFrom('r1', 'r2', 'e1', 'x', '__proto__', 'constructor', '');
		const body = fc.oneof(
			{ weight: 6, arbitrary: fc.record({ choices: fc.dictionary(key, choice, { maxKeys: 4 }) }) },
			{ weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
			{ weight: 1, arbitrary: fc.string({ maxLength: 50 }) }
		);
		const idem = fc.option(fc.constantFrom('fuzz-key-0001', 'fuzz-key-0002', 'bad key!', 'short'));
		const known = new Set([
			'ballot.invalidChoice',
			'ballot.badKey',
			'ballot.keyReused',
			'ballot.badRequest'
		]);
		let accepted = 0;
		await fc.assert(
			fc.asyncProperty(body, idem, async (b, k) => {
				// What the endpoint does after the body bound: parse, schema, cast.
				const text = JSON.stringify(b) ?? '';
				if (new TextEncoder().encode(text).length > limit) return;
				let raw: unknown = null;
				try {
					raw = JSON.parse(text);
				} catch {
					raw = null;
				}
				const parsed = typeof raw === 'object' && raw !== null ? BallotBody.safeParse(raw) : null;
				if (!parsed?.success) return;
				const problem = choicesProblem(parsed.data.choices, index);
				if (toCast <= 0) return;
				toCast--;
				const r = await castBallot(db(), {
					assemblyId: 'asm-fuzz',
					ownerId,
					accountId: 'acc-fuzz',
					choices: parsed.data.choices,
					idempotencyKey: k
				});
				if (r.ok) {
					expect(problem).toBeNull();
					if (!r.replayed) accepted++;
				} else {
					expect(known.has(r.code)).toBe(true);
					// A malformed key is refused before the choices are looked at.
					if (r.code !== 'ballot.badKey')
						expect(r.code === 'ballot.invalidChoice').toBe(problem !== null);
				}
			}),
			{ numRuns: 10_000, seed: 42 }
		);
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from ledger_entry where assembly_id = 'asm-fuzz' and type = 'ballot'`
		);
		expect(n).toBe(accepted);
		expect(accepted).toBeGreaterThan(0);
	});
});
