/**
 * Roll import of 50,000 units (DESIGN.md: under 10 s) on PostgreSQL: preview + commit of a
 * generated CSV into an empty estate, against the ceiling of bare multi-row inserts of the same
 * buildings, owners, units and co-owners (same statement form, same batch size) in the same run,
 * in interleaved rounds (BENCH_ROUNDS, default 3); the figures are the rounds' medians.
 * Run: DATABASE_URL=postgres://… npx tsx bench/import.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { DEVELOPER_KEY, previewRoll } from '../src/lib/domain/roll';
import { openDatabase, type Db } from '../src/lib/server/db/client';
import { newId } from '../src/lib/server/ids';
import { createPlace } from '../src/lib/server/places';
import {
	BATCH,
	BUILDING_COLUMNS,
	CO_OWNER_COLUMNS,
	OWNER_COLUMNS,
	UNIT_COLUMNS,
	insertRows
} from '../src/lib/server/roll/batch';
import { commitImport, previewImport, rollTotals } from '../src/lib/server/roll';
import { readRollFile } from '../src/lib/server/roll/read-file';
import { personalDataHasher } from '../src/lib/server/secrets';

// BENCH_UNITS sizes the estate (growth runs); BENCH_RESULT names the results file.
const UNITS = Number(process.env.BENCH_UNITS ?? 50_000);
const RESULT = process.env.BENCH_RESULT ?? 'import';
// BENCH_ROUNDS interleaved rounds (import, then bare inserts); the figures are their medians.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
// BENCH_LEAN=1 leaves out certificate numbers, so 200,000 units fit the 20 MB upload limit (growth).
const LEAN = process.env.BENCH_LEAN === '1';
const base = process.env.DATABASE_URL;
if (!base) {
	console.error('bench import needs DATABASE_URL (PostgreSQL)');
	process.exit(1);
}

/** 25 buildings of 2,000 units: ~10% parking, ~3% developer, ~5% co-owned, ~8% second units. */
function generate(units: number): Uint8Array {
	const lines = [
		'楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售'
	];
	const person = (n: number) => [
		`业主${n}`,
		`3505811980${String(n).padStart(8, '0')}`,
		`139${String(n).padStart(8, '0')}`
	];
	let next = 0;
	for (let i = 0; i < units; i++) {
		const b = `${Math.floor(i / 2000) + 1}栋`;
		const label = `${Math.floor((i % 2000) / 8) + 1}${String((i % 8) + 1).padStart(2, '0')}`;
		const kind = i % 10 === 9 ? '车位' : '住宅';
		const area = kind === '车位' ? '12.50' : `${70 + (i % 60)}.${String(i % 100).padStart(2, '0')}`;
		const cert = LEAN ? '' : `闽(2020)石狮市不动产权第${String(i).padStart(7, '0')}号`;
		const cells = [b, label, kind, area, '登记簿'];
		if (i % 33 === 0) {
			lines.push([...cells, '', '', '', '', '', '是'].join(','));
			continue;
		}
		// every 12th unit belongs to the owner of the unit before it: multi-unit owners
		const n = i % 12 === 0 && next > 0 ? next - 1 : next++;
		if (i % 20 === 0) {
			lines.push([...cells, ...person(n), cert, '是', ''].join(','));
			lines.push([...cells, ...person(1_000_000 + i), '', '否', ''].join(','));
		} else lines.push([...cells, ...person(n), cert, '', ''].join(','));
	}
	return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

async function estate(db: Db, name: string): Promise<string> {
	const must = <T extends { ok: boolean }>(r: T) => {
		if (!r.ok) throw new Error(JSON.stringify(r));
		return r as Extract<T, { ok: true }>;
	};
	const d = must(await createPlace(db, { kind: 'district', name: `${name}区` }));
	const s = must(await createPlace(db, { kind: 'street', name: '街', parentId: d.place.id }));
	const c = must(await createPlace(db, { kind: 'community', name: '社', parentId: s.place.id }));
	return must(await createPlace(db, { kind: 'estate', name, parentId: c.place.id })).place.id;
}

/** The ceiling: the same rows as bare multi-row inserts, no parsing, no diff, no audit. */
async function bareInsert(db: Db, estateId: string, bytes: Uint8Array): Promise<number> {
	const file = await readRollFile(bytes, 'roll.csv');
	if ('error' in file) throw new Error(file.error.code);
	const preview = previewRoll(file, { idKey: await personalDataHasher(db) });
	const buildings = new Map(
		[...new Set(preview.units.map((u) => u.building))].map((n) => [n, newId('bld')])
	);
	const owners = new Map(preview.owners.map((o) => [o.key, newId('own')]));
	const buildingRows = [...buildings].map(([name, id]) => ({ id, estate_id: estateId, name }));
	const ownerRows = preview.owners.map((o) => ({
		id: owners.get(o.key)!,
		estate_id: estateId,
		kind: o.kind,
		name: o.name,
		id_key: o.key === DEVELOPER_KEY ? null : o.key,
		id_last4: o.idLast4,
		phone: o.phone || null
	}));
	const coRows: { unit_id: string; owner_id: string }[] = [];
	const unitRows = preview.units.map((u) => {
		const id = newId('unt');
		for (const k of u.coOwnerKeys) coRows.push({ unit_id: id, owner_id: owners.get(k)! });
		return {
			id,
			estate_id: estateId,
			building_id: buildings.get(u.building)!,
			label: u.unit,
			kind: u.kind,
			area_hundredths: u.area.toString(),
			area_source: u.areaSource,
			owner_id: owners.get(u.ownerKey)!,
			certificate_no: u.certificateNo || null
		};
	});
	const t = performance.now();
	await db.transaction(async (tx) => {
		await insertRows(tx, 'building', BUILDING_COLUMNS, buildingRows);
		await insertRows(tx, 'owner', OWNER_COLUMNS, ownerRows);
		await insertRows(tx, 'unit', UNIT_COLUMNS, unitRows);
		await insertRows(tx, 'unit_co_owner', CO_OWNER_COLUMNS, coRows);
	});
	return (performance.now() - t) / 1000;
}

const name = `${process.env.BENCH_DB_PREFIX ?? 'gongyi_bench'}_${Math.random().toString(36).slice(2, 10)}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
try {
	const { db } = database;
	const bytes = generate(UNITS);
	const preview: number[] = [];
	const commit: number[] = [];
	const imports: number[] = [];
	const ceilings: number[] = [];
	let totals: Awaited<ReturnType<typeof rollTotals>> | null = null;
	// Interleaved rounds, each into empty estates of its own: import, then the bare inserts.
	for (let round = 1; round <= ROUNDS; round++) {
		const target = await estate(db, `基准小区${round}`);
		const t0 = performance.now();
		const p = await previewImport(db, target, bytes, 'roll.csv');
		const t1 = performance.now();
		if (!p.ok) throw new Error(JSON.stringify(p.problems.slice(0, 5)));
		const result = await commitImport(db, null, target, bytes, 'roll.csv');
		const t2 = performance.now();
		if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
		totals = await rollTotals(db, target);
		if (totals.units !== UNITS) throw new Error(`imported ${totals.units} units`);
		const ceilingS = await bareInsert(db, await estate(db, `对照小区${round}`), bytes);
		preview.push((t1 - t0) / 1000);
		commit.push((t2 - t1) / 1000);
		imports.push((t2 - t0) / 1000);
		ceilings.push(ceilingS);
		const ratio = ((t2 - t0) / 1000 / ceilingS).toFixed(2);
		console.log(
			`round ${round}: preview ${((t1 - t0) / 1000).toFixed(2)} s, commit ${((t2 - t1) / 1000).toFixed(2)} s, bare inserts ${ceilingS.toFixed(2)} s, ratio ${ratio}`
		);
	}
	const importS = median(imports);
	const ceilingS = median(ceilings);

	const rows: [string, string][] = [
		[
			'file',
			`${(bytes.length / 2 ** 20).toFixed(1)} MB CSV, ${UNITS} units, ${totals!.heads} heads, ${totals!.byBuilding.length} buildings`
		],
		['rounds (medians below)', String(ROUNDS)],
		['preview_s (read, validate, diff)', median(preview).toFixed(2)],
		['commit_s (write, audit)', median(commit).toFixed(2)],
		['import_50k_s (preview + commit)', importS.toFixed(2)],
		['copy_50k_s (bare inserts, ceiling)', ceilingS.toFixed(2)],
		['ratio of the medians', (importS / ceilingS).toFixed(2)],
		["median of the rounds' ratios", median(imports.map((x, i) => x / ceilings[i])).toFixed(2)],
		['batch (rows per statement)', String(BATCH)]
	];
	for (const [k, v] of rows) console.log(`${k.padEnd(38)} ${v}`);
	mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
	writeFileSync(
		join(import.meta.dirname, 'results', `${RESULT}.json`),
		JSON.stringify(
			{
				name: RESULT,
				units: UNITS,
				rounds: ROUNDS,
				figures: { import_50k_s: Number(importS.toFixed(3)) },
				ceiling: { copy_50k_s: Number(ceilingS.toFixed(3)) }
			},
			null,
			2
		) + '\n'
	);
} finally {
	await database.close();
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
}
