import { countAssembly, type CountOutcome } from '../../src/lib/domain/counting/count';
import { buildLedger, type RecordInput } from '../../src/lib/domain/record/build';
import type {
	Choice,
	Election,
	Item,
	Owner,
	Resolution,
	Rules
} from '../../src/lib/domain/record/types';

/** A small assembly for worked examples: units as [owner, area]; owner "dev" is the developer. */
export interface Scenario {
	units: [owner: string, area: string][];
	ballots: [owner: string, choices: Record<string, Choice>][];
	items?: Item[];
	rules?: Partial<Rules>;
}

export const ordinary: Resolution = { id: 'r1', type: 'resolution', title: '选聘物业', matter: 4 };
export const special: Resolution = {
	id: 'r6',
	type: 'resolution',
	title: '筹集维修资金',
	matter: 6
};

/** An election e1 with candidates c1…cN. */
export function election(seats: number, alternates: number, candidates: number): Election {
	const list = Array.from({ length: candidates }, (_, i) => ({
		id: `c${i + 1}`,
		name: `候选人${i + 1}`
	}));
	return {
		id: 'e1',
		type: 'election',
		title: '选举业主委员会',
		matter: 3,
		seats,
		alternates,
		candidates: list
	};
}

/** The builder's input for a scenario, with fixed times and nonces. */
export function scenarioInput(s: Scenario): RecordInput {
	const owners: Owner[] = [...new Set(s.units.map(([o]) => o))].map((id) => ({
		id,
		kind: id === 'dev' ? 'developer' : 'person'
	}));
	const units = s.units.map(([owner, area], i) => ({
		id: `u${i}`,
		label: `1-${101 + i}`,
		area,
		owner
	}));
	const ms = Date.parse('2026-11-22T09:00:00.000Z');
	return {
		estate: { id: 'estate-1', name: '幸福里', street: '和平街道', community: '幸福社区' },
		assembly: {
			id: 'a1',
			title: '业主大会',
			form: 'written',
			opensAt: '2026-11-22T09:00:00.000Z',
			closesAt: '2026-11-29T09:00:00.000Z',
			rules: { revote: 'last', blank: 'abstain', ...s.rules }
		},
		roll: { owners, units },
		items: s.items ?? [ordinary],
		openAt: '2026-11-22T09:00:00.000Z',
		closeAt: '2026-11-29T09:00:00.000Z',
		ballots: s.ballots.map(([owner, choices], i) => ({
			at: new Date(ms + 1000 * (i + 1)).toISOString(),
			owner,
			channel: 'online',
			choices,
			nonce: (i + 1).toString(16).padStart(32, '0')
		}))
	};
}

/** Counts a scenario through the real ledger builder. */
export function countScenario(s: Scenario): CountOutcome {
	const input = scenarioInput(s);
	return countAssembly(input.roll, input.items, buildLedger(input), input.assembly.rules);
}
