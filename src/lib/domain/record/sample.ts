import { sha256 } from '@noble/hashes/sha2.js';
import type { BallotInput } from '../ledger/entries';
import { formatArea } from '../area';
import { buildRecord, type BuildOutcome } from './build';
import { utf8 } from './sha256';
import { seededPrng, type Prng } from './prng';
import type { BlankRule, Channel, Choice, Item, Owner, RevoteRule, Roll, Unit } from './types';

export interface SampleOptions {
	units: number;
	ballots: number;
	seed: string;
	revote?: RevoteRule;
	blank?: BlankRule;
}

/** A roll where one developer holds ~3% of units and about one buyer in ten holds two or three. */
export function sampleRoll(units: number, rng: Prng): Roll {
	const owners: Owner[] = [{ id: 'dev', kind: 'developer' }];
	const list: Unit[] = [];
	const developerUnits = Math.max(2, Math.round(units * 0.03));
	let owner = 'dev';
	let left = developerUnits;
	for (let i = 0; i < units; i++) {
		if (left === 0) {
			owner = `o${owners.length}`;
			owners.push({ id: owner, kind: rng.int(100) === 0 ? 'organization' : 'person' });
			left = rng.int(10) === 0 ? 2 + rng.int(2) : 1;
		}
		left--;
		const building = 1 + Math.floor(i / 120);
		const label = `${building}-${1 + Math.floor((i % 120) / 4)}0${1 + (i % 4)}`;
		list.push({ id: `u${i}`, label, area: formatArea(BigInt(4000 + rng.int(14001))), owner });
	}
	return { owners, units: list };
}

/** Ordinary matters 2 and 4, special matters 6 and 8, and a committee election (matter 3). */
export function sampleItems(): Item[] {
	const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];
	return [
		{ id: 'r1', type: 'resolution', title: '选聘物业服务企业', matter: 4 },
		{ id: 'r2', type: 'resolution', title: '筹集建筑物及其附属设施的维修资金', matter: 6 },
		{ id: 'r3', type: 'resolution', title: '利用共有部分从事经营活动', matter: 8 },
		{ id: 'r4', type: 'resolution', title: '修改管理规约', matter: 2 },
		{
			id: 'e1',
			type: 'election',
			title: '选举业主委员会',
			matter: 3,
			seats: 5,
			alternates: 2,
			candidates: names.map((name, i) => ({ id: `c${i + 1}`, name }))
		}
	];
}

const VOTE_SHARE = [0.9, 0.85, 0.8, 0.75, 0.7, 0.62, 0.58, 0.3];
const FOR_SHARE: Record<string, number> = { r1: 0.75, r2: 0.8, r3: 0.55, r4: 0.6 };

function sampleChoices(rng: Prng, channel: Channel): Record<string, Choice> {
	const choices: Record<string, Choice> = {};
	for (const id of ['r1', 'r2', 'r3', 'r4']) {
		const x = rng.next();
		if (x < 0.04) continue; // left blank
		if (channel === 'paper' && x < 0.07) choices[id] = 'spoiled';
		else choices[id] = x < FOR_SHARE[id] ? 'for' : x < FOR_SHARE[id] + 0.15 ? 'against' : 'abstain';
	}
	if (rng.next() < 0.05) return choices;
	const picked: string[] = [];
	// Falling popularity, so some candidates are elected, some alternate and some not.
	VOTE_SHARE.forEach((share, i) => {
		if (picked.length < 5 && rng.next() < share) picked.push(`c${i + 1}`);
	});
	choices.e1 = picked;
	return choices;
}

/** `count` ballots in casting order; about 5% are revotes by owners who already voted. */
export function sampleBallots(
	roll: Roll,
	count: number,
	rng: Prng,
	opensMs: number,
	spanMs: number
): BallotInput[] {
	const owners = roll.owners.map((o) => o.id);
	for (let i = owners.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[owners[i], owners[j]] = [owners[j], owners[i]];
	}
	let distinct = Math.min(Math.floor(owners.length * 0.85), count - Math.floor(count * 0.05));
	const voted: string[] = [];
	const ballots: BallotInput[] = [];
	for (let k = 0; k < count; k++) {
		const fresh = voted.length === 0 || (distinct > 0 && rng.next() * (count - k) < distinct);
		const owner = fresh ? owners[voted.length % owners.length] : voted[rng.int(voted.length)];
		if (fresh) {
			voted.push(owner);
			distinct--;
		}
		const c = rng.next();
		const channel: Channel = c < 0.8 ? 'online' : c < 0.95 ? 'paper' : 'proxy';
		const at = new Date(opensMs + Math.floor(((k + 1) * spanMs) / (count + 2))).toISOString();
		ballots.push({ at, owner, channel, choices: sampleChoices(rng, channel), nonce: rng.hex(16) });
	}
	return ballots;
}

/** The sample platform key: SHA-256 of "gongyi-sample-platform:" + seed. */
export function samplePlatformKey(seed: string): Uint8Array {
	return sha256(utf8(`gongyi-sample-platform:${seed}`));
}

/** A valid, signed sample record, reproducible from its seed. */
export function sampleRecord(options: SampleOptions): BuildOutcome {
	const rng = seededPrng(options.seed);
	const [opensAt, closesAt] = ['2026-11-22T09:00:00.000Z', '2026-12-06T17:00:00.000Z'];
	const roll = sampleRoll(options.units, rng);
	const opensMs = Date.parse(opensAt);
	const span = Date.parse(closesAt) - opensMs;
	return buildRecord(
		{
			estate: { id: 'estate-1', name: '幸福里小区', street: '和平街道', community: '幸福社区' },
			assembly: {
				id: `assembly-${options.seed}`.slice(0, 64).replace(/[^A-Za-z0-9_.:-]/g, '_'),
				title: '2026年第一次业主大会会议',
				form: 'written',
				opensAt,
				closesAt,
				rules: { revote: options.revote ?? 'last', blank: options.blank ?? 'abstain' }
			},
			roll,
			items: sampleItems(),
			openAt: opensAt,
			closeAt: closesAt,
			ballots: sampleBallots(roll, options.ballots, rng, opensMs, span)
		},
		[{ by: 'platform', secretKey: samplePlatformKey(options.seed) }]
	);
}
