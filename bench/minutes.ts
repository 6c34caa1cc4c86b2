/**
 * Minutes of an assembly with 50 items and 20,000 units (DESIGN.md: under 5 s, within 1.5 × the
 * bare rendering) on PostgreSQL. `minutes_s`: load the stored figures, lay out, attach, sign
 * (PAdES) and store a new version, as the download does. Ceiling `render_only_s`: the same pages
 * laid out and saved from figures already in memory, no data loading, no attachment, no signature.
 * Rounds alternate (after one warm-up of each) and the medians are reported.
 * Run: DATABASE_URL=postgres://… npx tsx bench/minutes.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { buildRecord } from '../src/lib/domain/record/build';
import { seededPrng } from '../src/lib/domain/record/prng';
import { sampleRoll } from '../src/lib/domain/record/sample';
import type { BallotInput } from '../src/lib/domain/ledger/entries';
import type { Channel, Choice, Item } from '../src/lib/domain/record/types';
import { signHead } from '../src/lib/domain/signature';
import { addMessages, LOCALES } from '../src/lib/i18n';
import { createAccount } from '../src/lib/server/accounts';
import { openDatabase, type Db } from '../src/lib/server/db/client';
import {
	assembly,
	assemblyItem,
	candidate,
	headSignature,
	minutes
} from '../src/lib/server/db/schema';
import { makeCheckpoint } from '../src/lib/server/ledger/checkpoints';
import { platformKey } from '../src/lib/server/ledger/keys';
import { insertEntries } from '../src/lib/server/ledger/store';
import { loadMinutesFigures } from '../src/lib/server/minutes/figures';
import { layoutMinutes } from '../src/lib/server/minutes/render';
import { ensureMinutes, verifyUrl } from '../src/lib/server/minutes/store';
import { createPlace } from '../src/lib/server/places';
import { canonicalJson } from '../src/lib/domain/record/canonical';

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const ITEMS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const base = process.env.DATABASE_URL;
if (!base) {
	console.error('bench minutes needs DATABASE_URL (PostgreSQL)');
	process.exit(1);
}

for (const locale of LOCALES) {
	const dir = join(import.meta.dirname, '../src/lib/i18n/locales', locale);
	addMessages(
		locale,
		Object.fromEntries(
			readdirSync(dir).map((f) => [
				f.replace(/\.json$/, ''),
				JSON.parse(readFileSync(join(dir, f), 'utf8'))
			])
		)
	);
}

const MATTERS = [1, 2, 4, 5, 6, 7, 8, 9];
const NAMES = '张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强 周喆 吴玥 徐堃 孙犇'.split(' ');

/** 45 resolutions over every matter and 5 committee elections of 12 candidates. */
function benchItems(): Item[] {
	const items: Item[] = [];
	for (let i = 0; i < ITEMS; i++) {
		if (i % 10 === 9) {
			items.push({
				id: `e${i}`,
				type: 'election',
				title: `选举第${(i + 1) / 10}届业主委员会委员（第${i + 1}项）`,
				matter: 3,
				seats: 5,
				alternates: 2,
				candidates: NAMES.map((name, k) => ({ id: `c${i}_${k}`, name }))
			});
		} else {
			items.push({
				id: `r${i}`,
				type: 'resolution',
				title: `第${i + 1}项：关于小区公共事务的决议（${MATTERS[i % MATTERS.length]}）`,
				matter: MATTERS[i % MATTERS.length]
			});
		}
	}
	return items;
}

async function seed(db: Db) {
	const must = <T extends { ok: boolean }>(r: T) => {
		if (!r.ok) throw new Error(JSON.stringify(r));
		return r as Extract<T, { ok: true }>;
	};
	const d = must(await createPlace(db, { kind: 'district', name: '石狮市' }));
	const s = must(await createPlace(db, { kind: 'street', name: '湖滨街道', parentId: d.place.id }));
	const c = must(
		await createPlace(db, { kind: 'community', name: '湖滨社区', parentId: s.place.id })
	);
	const e = must(
		await createPlace(db, { kind: 'estate', name: '幸福里小区', parentId: c.place.id })
	);
	const staff = must(
		await createAccount(db, {
			login: 'benchstaff',
			displayName: 'bench',
			password: 'bench-password-1',
			grants: [{ role: 'staff', placeId: e.place.id }]
		})
	);
	const rng = seededPrng('minutes-bench');
	const roll = sampleRoll(UNITS, rng);
	const items = benchItems();
	const [opensAt, closesAt] = ['2026-11-22T01:00:00.000Z', '2026-12-06T09:00:00.000Z'];
	const owners = roll.owners.map((o) => o.id).filter((_, i) => i % 7 !== 3);
	const ballots: BallotInput[] = owners.map((owner, k) => {
		const choices: Record<string, Choice> = {};
		for (const item of items) {
			if (item.type === 'resolution') {
				const x = rng.next();
				choices[item.id] =
					x < 0.62 ? 'for' : x < 0.8 ? 'against' : x < 0.98 ? 'abstain' : 'spoiled';
			} else
				choices[item.id] = item.candidates
					.filter((_, j) => rng.next() < 0.75 - j * 0.05)
					.slice(0, 5)
					.map((x) => x.id);
		}
		const r = rng.next();
		const channel: Channel = r < 0.8 ? 'online' : r < 0.95 ? 'paper' : 'proxy';
		const at = new Date(Date.parse(opensAt) + (k + 1) * 1000).toISOString();
		return { at, owner, channel, choices, nonce: rng.hex(16) };
	});
	const id = 'a-bench-minutes';
	const estate = { id: e.place.id, name: '幸福里小区', street: '湖滨街道', community: '湖滨社区' };
	const built = buildRecord({
		estate,
		assembly: {
			id,
			title: '2026年第一次业主大会会议',
			form: 'written',
			opensAt,
			closesAt,
			rules: { revote: 'last', blank: 'abstain' }
		},
		roll,
		items,
		openAt: opensAt,
		closeAt: closesAt,
		ballots
	});
	if (!built.ok) throw new Error(JSON.stringify(built.errors.slice(0, 3)));
	const { record } = built;
	await db.insert(assembly).values({
		id,
		estateId: e.place.id,
		title: record.assembly.title,
		form: 'written',
		state: 'counted',
		opensAt: new Date(opensAt),
		closesAt: new Date(closesAt),
		rollJson: canonicalJson(record.roll),
		resultJson: canonicalJson(record.result),
		createdBy: staff.id
	});
	await db.insert(assemblyItem).values(
		items.map((item, position) => ({
			assemblyId: id,
			key: item.id,
			position,
			type: item.type,
			title: item.title,
			matter: item.matter,
			...(item.type === 'election' ? { seats: item.seats, alternates: item.alternates } : {})
		}))
	);
	await db.insert(candidate).values(
		items.flatMap((item) =>
			item.type === 'election'
				? item.candidates.map((c) => ({
						id: `cand_${c.id}`,
						assemblyId: id,
						itemKey: item.id,
						key: c.id,
						name: c.name,
						vetting: 'approved' as const
					}))
				: []
		)
	);
	for (let i = 0; i < record.ledger.length; i += 2000)
		await insertEntries(db, id, record.ledger.slice(i, i + 2000));
	await makeCheckpoint(db, id, new Date(closesAt));
	const sig = signHead((await platformKey(db)).secretKey, 'platform', id, record.result!.head);
	await db.insert(headSignature).values({
		assemblyId: id,
		by: 'platform',
		publicKey: sig.publicKey,
		signature: sig.signature,
		at: new Date(closesAt)
	});
	return { id, ballots: ballots.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const name = `gongyi_bench_minutes_${process.pid}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
try {
	const db = database.db;
	const t0 = performance.now();
	const { id, ballots } = await seed(db);
	console.log(
		`seeded ${UNITS} units, ${ITEMS} items, ${ballots} ballots in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
	const figures = (await loadMinutesFigures(db, id))!;
	const meta = {
		version: 1,
		reason: 'counted' as const,
		generatedAt: new Date(),
		verifyUrl: verifyUrl()
	};

	const renderOnly = async () => {
		const s = performance.now();
		await (await layoutMinutes(figures, meta, 'zh')).save({ useObjectStreams: false });
		return (performance.now() - s) / 1000;
	};
	let size = 0;
	const full = async () => {
		await db.delete(minutes).where(eq(minutes.assemblyId, id));
		const s = performance.now();
		const r = await ensureMinutes(db, id, null, 'zh');
		const t = (performance.now() - s) / 1000;
		if (!r.ok) throw new Error(r.code);
		size = r.row.pdf.length;
		if (process.env.BENCH_PDF) writeFileSync(process.env.BENCH_PDF, r.row.pdf);
		return t;
	};
	await renderOnly();
	await full();
	const [render, mins]: [number[], number[]] = [[], []];
	for (let i = 0; i < ROUNDS; i++) {
		render.push(await renderOnly());
		mins.push(await full());
	}
	const minutesS = median(mins);
	const renderS = median(render);
	const rows: [string, string][] = [
		['minutes_s (load, lay out, sign, store)', minutesS.toFixed(2)],
		['render_only_s (lay out and save, ceiling)', renderS.toFixed(2)],
		['ratio (goal <= 1.5)', (minutesS / renderS).toFixed(2)],
		['pdf size (bytes)', String(size)],
		['rounds (minutes_s)', mins.map((x) => x.toFixed(2)).join(' ')],
		['rounds (render_only_s)', render.map((x) => x.toFixed(2)).join(' ')]
	];
	for (const [k, v] of rows) console.log(`${k.padEnd(44)} ${v}`);
	mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
	writeFileSync(
		join(import.meta.dirname, 'results', 'minutes.json'),
		JSON.stringify(
			{
				name: 'minutes',
				units: UNITS,
				items: ITEMS,
				ballots,
				figures: { minutes_s: Number(minutesS.toFixed(3)) },
				ceiling: { render_only_s: Number(renderS.toFixed(3)) }
			},
			null,
			2
		) + '\n'
	);
} finally {
	await database.close();
	if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
	else console.log(`kept database ${name}`);
	await admin.end();
}
