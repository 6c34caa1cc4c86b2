import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArea } from '../area';
import { buildLedger } from '../record/build';
import {
	ordinary,
	scenarioInput,
	special,
	type Scenario
} from '../../../../tests/support/record-scenario';
import type { ResolutionChoice, ResolutionResult, Weight } from '../record/types';
import { countAssembly } from './count';

const choice = fc.constantFrom<ResolutionChoice | undefined>(
	'for',
	'against',
	'abstain',
	'spoiled',
	undefined
);

const scenarioOf = (
	choice: fc.Arbitrary<ResolutionChoice | undefined>,
	minBallots = 0
): fc.Arbitrary<Scenario> =>
	fc
		.record({
			units: fc.array(fc.tuple(fc.nat(7), fc.integer({ min: 0, max: 20_000 })), {
				minLength: 1,
				maxLength: 12
			}),
			ballots: fc.array(fc.tuple(fc.nat(7), choice, choice), {
				minLength: minBallots,
				maxLength: 16
			}),
			revote: fc.constantFrom('last' as const, 'first' as const),
			blank: fc.constantFrom('abstain' as const, 'not_participating' as const)
		})
		.map(({ units, ballots, revote, blank }) => {
			const owners = new Set(units.map(([o]) => o));
			return {
				units: units.map(([o, area]) => [`o${o}`, formatArea(BigInt(area))] as [string, string]),
				items: [ordinary, special],
				ballots: ballots
					.filter(([o]) => owners.has(o))
					.map(
						([o, r1, r6]) =>
							[`o${o}`, JSON.parse(JSON.stringify({ r1, r6 }))] as Scenario['ballots'][0]
					),
				rules: { revote, blank }
			};
		});
const scenario = scenarioOf(choice);
/** Mostly "for", at least 12 ballots over 8 owners: scenarios in which items tend to pass. */
const passing = scenarioOf(
	fc.oneof({ arbitrary: fc.constant('for' as const), weight: 9 }, { arbitrary: choice, weight: 1 }),
	12
);

const count = (s: Scenario) => {
	const input = scenarioInput(s);
	const ledger = buildLedger(input);
	return {
		input,
		ledger,
		out: countAssembly(input.roll, input.items, ledger, input.assembly.rules)
	};
};
const hundredths = (w: Weight) => BigInt(w.area.replace('.', ''));

// docs/record-format.md § Counting.
describe('counting properties over random assemblies', () => {
	it('for + against + abstain + spoiled = participation, in area and heads', () => {
		fc.assert(
			fc.property(scenario, (s) => {
				for (const r of Object.values(count(s).out.result!.items) as ResolutionResult[]) {
					const parts = [r.for, r.against, r.abstain, r.spoiled];
					expect(parts.reduce((a, w) => a + hundredths(w), 0n)).toBe(hundredths(r.participation));
					expect(parts.reduce((a, w) => a + w.heads, 0)).toBe(r.participation.heads);
				}
			})
		);
	});
	it('reordering owners and units in the roll does not change the result', () => {
		fc.assert(
			fc.property(scenario, fc.nat(), (s, seed) => {
				const { input, ledger, out } = count(s);
				const shuffle = <T>(xs: T[]) =>
					xs
						.map((x, i) => [((i + 1) * (seed + 7919)) % 104729, x] as const)
						.sort((a, b) => a[0] - b[0])
						.map(([, x]) => x);
				const roll = { owners: shuffle(input.roll.owners), units: shuffle(input.roll.units) };
				const again = countAssembly(roll, input.items, ledger, input.assembly.rules);
				expect(again.result).toEqual(out.result);
			})
		);
	});
	it('adding a "for" ballot never turns passed into failed', () => {
		// The property says something only when the item passed before: half the scenarios lean
		// "for", two are built to pass, and the count below makes sure the case occurred often.
		const allFor: Scenario = {
			units: ['o0', 'o1', 'o2', 'o3'].map((o) => [o, '100.00'] as [string, string]),
			items: [ordinary, special],
			ballots: ['o0', 'o1', 'o2', 'o3'].map((o) => [o, { r1: 'for', r6: 'for' }]),
			rules: { revote: 'last', blank: 'abstain' }
		};
		let passedBefore = 0;
		fc.assert(
			fc.property(
				fc.oneof(scenario, passing),
				fc.nat(7),
				fc.constantFrom('r1', 'r6'),
				(s, owner, item) => {
					const before = count(s).out.result!.items[item] as ResolutionResult;
					const voter = s.units[owner % s.units.length][0];
					const more = {
						...s,
						ballots: [...s.ballots, [voter, { [item]: 'for' }] as Scenario['ballots'][0]]
					};
					const after = count(more).out.result!.items[item] as ResolutionResult;
					if (before.outcome !== 'passed') return;
					passedBefore++;
					expect(after.outcome).toBe('passed');
				}
			),
			{
				examples: [
					[allFor, 0, 'r1'],
					[allFor, 3, 'r6']
				],
				numRuns: 300
			}
		);
		expect(passedBefore).toBeGreaterThan(30);
	});
});
