import { describe, expect, it } from 'vitest';
import {
	countScenario,
	election,
	ordinary,
	special,
	type Scenario
} from '../../../../tests/support/record-scenario';
import type { ElectionResult, ResolutionResult, Result, Roll } from '../record/types';
import { rollWeights } from './roll';

const count = (s: Scenario): Result => {
	const out = countScenario(s);
	expect(out.errors).toEqual([]);
	return out.result!;
};
const resolution = (s: Scenario, id = 'r1') => count(s).items[id] as ResolutionResult;
const statuses = (s: Scenario) =>
	Object.fromEntries(
		Object.entries((count(s).items.e1 as ElectionResult).candidates).map(([id, c]) => [
			id,
			c.status
		])
	);

describe('quorum — 民法典 第278条 第二款 (三分之二以上 includes the bound)', () => {
	it('exactly 2/3 of the area and of the heads take part → quorum', () => {
		const r = resolution({
			units: [
				['a', '10.00'],
				['b', '10.00'],
				['c', '10.00']
			],
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'for' }]
			]
		});
		expect(r.quorum).toBe(true);
		expect(r.outcome).toBe('passed');
	});
	it('0.01 m² short of 2/3 of the area → no quorum, tallies still reported', () => {
		const r = resolution({
			units: [
				['a', '10.00'],
				['b', '10.00'],
				['c', '10.01']
			],
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'for' }]
			]
		});
		expect(r.quorum).toBe(false);
		expect(r.outcome).toBe('no_quorum');
		expect(r.for).toEqual({ area: '20.00', heads: 2 });
	});
	it('2/3 of the area but under 2/3 of the heads → no quorum (both weights count)', () => {
		const r = resolution({
			units: [
				['a', '90.00'],
				['b', '5.00'],
				['c', '5.00']
			],
			ballots: [['a', { r1: 'for' }]]
		});
		expect(r.outcome).toBe('no_quorum');
	});
	it('exact hundredths get the 2/3 boundary right where floating point does not', () => {
		const units: Scenario['units'] = [
			['a', '80.00'],
			['b', '80.08'],
			['c', '80.04']
		];
		// In floating point 80.00 + 80.08 = 160.07999999999998, so 3 × part < 2 × total.
		const [a, b, c] = units.map(([, area]) => Number(area));
		expect((a + b) * 3 >= (a + b + c) * 2).toBe(false);
		const r = resolution({
			units,
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'for' }]
			]
		});
		expect(r.participation).toEqual({ area: '160.08', heads: 2 });
		expect(r.quorum).toBe(true);
	});
});

describe('resolutions — 民法典 第278条 第二款, 第1259条', () => {
	it('exactly half of the participating area for → fails (过半数 is strict)', () => {
		const r = resolution({
			units: [
				['a', '20.00'],
				['b', '20.00'],
				['c', '40.00']
			],
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'for' }],
				['c', { r1: 'against' }]
			]
		});
		expect(r.for).toEqual({ area: '40.00', heads: 2 });
		expect(r.outcome).toBe('failed');
	});
	it('0.01 m² over half of the area and a majority of heads → passes', () => {
		const r = resolution({
			units: [
				['a', '20.01'],
				['b', '20.00'],
				['c', '40.00']
			],
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'for' }],
				['c', { r1: 'against' }]
			]
		});
		expect(r.outcome).toBe('passed');
	});
	it('exactly 3/4 of area and heads on a matter 6–8 → passes (四分之三以上 includes the bound)', () => {
		const units: Scenario['units'] = [
			['a', '10.00'],
			['b', '10.00'],
			['c', '10.00'],
			['d', '10.00']
		];
		const ballots: Scenario['ballots'] = [
			['a', { r6: 'for' }],
			['b', { r6: 'for' }],
			['c', { r6: 'for' }],
			['d', { r6: 'against' }]
		];
		expect(resolution({ units, ballots, items: [special] }, 'r6').outcome).toBe('passed');
	});
	it('2/3 for on a matter 6–8 → fails, though it would pass an ordinary matter', () => {
		const units: Scenario['units'] = [
			['a', '10.00'],
			['b', '10.00'],
			['c', '10.00']
		];
		const ballots: Scenario['ballots'] = [
			['a', { r1: 'for', r6: 'for' }],
			['b', { r1: 'for', r6: 'for' }],
			['c', { r1: 'against', r6: 'against' }]
		];
		const result = count({ units, ballots, items: [ordinary, special] });
		expect((result.items.r6 as ResolutionResult).outcome).toBe('failed');
		expect((result.items.r1 as ResolutionResult).outcome).toBe('passed');
	});
	it('spoiled paper votes take part (quorum) but are not for → fails', () => {
		const r = resolution({
			units: [
				['a', '10.00'],
				['b', '10.00'],
				['c', '10.00']
			],
			ballots: [
				['a', { r1: 'for' }],
				['b', { r1: 'spoiled' }],
				['c', { r1: 'spoiled' }]
			]
		});
		expect(r.quorum).toBe(true);
		expect(r.spoiled).toEqual({ area: '20.00', heads: 2 });
		expect(r.outcome).toBe('failed');
	});
});

describe('the two weights — 民法典 第278条, 建筑物区分所有权司法解释 第8、9条', () => {
	it('a buyer of three units is one head with the summed area (司法解释 第9条)', () => {
		const result = count({
			units: [
				['a', '10.00'],
				['a', '20.00'],
				['a', '30.50'],
				['b', '60.00']
			],
			ballots: [['a', { r1: 'for' }]]
		});
		expect(result.totals).toEqual({ area: '120.50', heads: 2 });
		expect((result.items.r1 as ResolutionResult).for).toEqual({ area: '60.50', heads: 1 });
	});
	it('all developer units are one head (司法解释 第9条)', () => {
		const result = count({
			units: [
				['dev', '90.00'],
				['dev', '90.00'],
				['dev', '90.00'],
				['a', '90.00']
			],
			ballots: []
		});
		expect(result.totals).toEqual({ area: '360.00', heads: 2 });
	});
	it.each([
		[
			'two developer ids',
			[
				{ id: 'd1', kind: 'developer' },
				{ id: 'd2', kind: 'developer' }
			],
			[
				{ id: 'u1', label: '1', area: '1.00', owner: 'd1' },
				{ id: 'u2', label: '2', area: '1.00', owner: 'd2' }
			]
		],
		['an owner without a unit', [{ id: 'a', kind: 'person' }], []],
		['a unit of an unknown owner', [], [{ id: 'u1', label: '1', area: '1.00', owner: 'x' }]],
		[
			'an area with one decimal',
			[{ id: 'a', kind: 'person' }],
			[{ id: 'u1', label: '1', area: '1.0', owner: 'a' }]
		]
	])('%s is a format error (docs/record-format.md § The roll)', (_, owners, units) => {
		const check = rollWeights({ owners, units } as Roll);
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.errors.map((e) => e.code)).toEqual(['format']);
	});
});

// docs/record-format.md § Counting, rules 1–2.
describe('which ballot counts, and how a blank item counts', () => {
	const units: Scenario['units'] = [
		['a', '10.00'],
		['b', '10.00'],
		['c', '10.00']
	];
	const ballots: Scenario['ballots'] = [
		['a', { r1: 'for' }],
		['b', { r1: 'for' }],
		['a', { r1: 'against' }],
		['c', { r1: 'against' }]
	];
	it('revote "last" counts the highest seq', () => {
		const r = resolution({ units, ballots, rules: { revote: 'last' } });
		expect([r.for.heads, r.against.heads, r.outcome]).toEqual([1, 2, 'failed']);
	});
	it('revote "first" counts the lowest seq', () => {
		const r = resolution({ units, ballots, rules: { revote: 'first' } });
		expect([r.for.heads, r.against.heads, r.outcome]).toEqual([2, 1, 'passed']);
	});
	const blanks: Scenario['ballots'] = [
		['a', { r1: 'for' }],
		['b', {}],
		['c', { r1: 'for' }]
	];
	it('blank "abstain": an owner missing the item takes part as abstain', () => {
		const r = resolution({ units, ballots: blanks, rules: { blank: 'abstain' } });
		expect(r.abstain).toEqual({ area: '10.00', heads: 1 });
		expect(r.participation.heads).toBe(3);
	});
	it('blank "not_participating": an owner missing the item does not take part', () => {
		const r = resolution({ units, ballots: blanks, rules: { blank: 'not_participating' } });
		expect(r.abstain.heads).toBe(0);
		expect(r.participation).toEqual({ area: '20.00', heads: 2 });
		expect(r.outcome).toBe('passed');
	});
	it('blank "not_participating" can cost the quorum', () => {
		const r = resolution({
			units,
			ballots: [
				['a', { r1: 'for' }],
				['b', {}]
			],
			rules: { blank: 'not_participating' }
		});
		expect(r.outcome).toBe('no_quorum');
	});
});

// docs/record-format.md § Counting, rule 5.
describe('elections — 民法典 第278条 第二款', () => {
	const five: Scenario['units'] = ['a', 'b', 'c', 'd', 'e'].map((o) => [o, '10.00']);
	it('qualifiers need 过半数 of heads; exactly half does not qualify', () => {
		const s: Scenario = {
			units: five.slice(0, 4),
			items: [election(1, 1, 3)],
			ballots: [
				['a', { e1: ['c1'] }],
				['b', { e1: ['c1'] }],
				['c', { e1: ['c1'] }],
				['d', { e1: ['c2'] }]
			]
		};
		expect(statuses(s)).toEqual({ c1: 'elected', c2: 'not_elected', c3: 'not_elected' });
		expect((count(s).items.e1 as ElectionResult).outcome).toBe('complete');
	});
	it('area breaks a tie in heads', () => {
		const s: Scenario = {
			units: [
				['a', '10.00'],
				['b', '10.01'],
				['c', '10.00'],
				['d', '10.00'],
				['e', '10.00']
			],
			items: [election(2, 1, 3)],
			ballots: [
				['a', { e1: ['c3', 'c1'] }],
				['b', { e1: ['c3', 'c2'] }],
				['c', { e1: ['c3', 'c1'] }],
				['d', { e1: ['c3', 'c2'] }],
				['e', { e1: ['c1', 'c2'] }]
			]
		};
		const e1 = count(s).items.e1 as ElectionResult;
		expect(e1.candidates.c1).toEqual({ area: '30.00', heads: 3, status: 'alternate' });
		expect(e1.candidates.c2).toEqual({ area: '30.01', heads: 3, status: 'elected' });
		expect(e1.candidates.c3).toEqual({ area: '40.01', heads: 4, status: 'elected' });
	});
	it('an equal group straddling the seat line is tied and those places stay empty', () => {
		const s: Scenario = {
			units: five,
			items: [election(2, 1, 3)],
			ballots: [
				['a', { e1: ['c1', 'c2'] }],
				['b', { e1: ['c1', 'c2'] }],
				['c', { e1: ['c1', 'c3'] }],
				['d', { e1: ['c1', 'c3'] }],
				['e', { e1: ['c2', 'c3'] }]
			]
		};
		expect(statuses(s)).toEqual({ c1: 'elected', c2: 'tied', c3: 'tied' });
		expect((count(s).items.e1 as ElectionResult).outcome).toBe('incomplete');
	});
	it('an equal group straddling the alternate line is tied; the seats are filled', () => {
		// Owner i names candidates i, i+1, i+2 (mod 5): everyone has 3 heads, areas rank them.
		const areas = ['13.00', '11.00', '10.00', '12.00', '11.00'];
		const s: Scenario = {
			units: areas.map((area, i) => [`o${i}`, area]),
			items: [election(3, 1, 5)],
			ballots: areas.map((_, i) => [`o${i}`, { e1: [0, 1, 2].map((k) => `c${((i + k) % 5) + 1}`) }])
		};
		const e1 = count(s).items.e1 as ElectionResult;
		expect(Object.values(e1.candidates).map((c) => c.area)).toEqual([
			'36.00',
			'35.00',
			'34.00',
			'33.00',
			'33.00'
		]);
		expect(statuses(s)).toEqual({
			c1: 'elected',
			c2: 'elected',
			c3: 'elected',
			c4: 'tied',
			c5: 'tied'
		});
		expect(e1.outcome).toBe('complete');
	});
	it('without quorum every candidate is not elected', () => {
		const s: Scenario = {
			units: five,
			items: [election(1, 0, 1)],
			ballots: [['a', { e1: ['c1'] }]]
		};
		expect(statuses(s)).toEqual({ c1: 'not_elected' });
		expect((count(s).items.e1 as ElectionResult).outcome).toBe('no_quorum');
	});
});

// docs/record-format.md § Choices.
describe('invalid ballots are reported and not counted', () => {
	const units: Scenario['units'] = [
		['a', '10.00'],
		['b', '10.00']
	];
	it.each([
		['a ballot naming more candidates than seats', { e1: ['c1', 'c2'] }],
		['a candidate named twice', { e1: ['c1', 'c1'] }],
		['an unknown candidate', { e1: ['c9'] }],
		['an unknown item', { r9: 'for' }],
		['a resolution choice of another shape', { r1: 'yes' }],
		['an election choice of another shape', { e1: 'c1' }]
	])('%s is ballot.choice at its seq', (_, choices) => {
		const out = countScenario({
			units,
			items: [ordinary, election(1, 0, 2)],
			ballots: [
				['a', { r1: 'for' }],
				['b', choices as never]
			]
		});
		expect(out.ok).toBe(false);
		expect(out.errors).toMatchObject([{ code: 'ballot.choice', seq: 2 }]);
	});
	it('a ballot by an owner not on the roll is ballot.owner at its seq', () => {
		const out = countScenario({ units, ballots: [['z', { r1: 'for' }]] });
		expect(out.errors).toMatchObject([{ code: 'ballot.owner', seq: 1 }]);
	});
});
