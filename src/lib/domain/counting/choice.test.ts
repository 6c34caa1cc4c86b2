import { describe, expect, it } from 'vitest';
import type { Item } from '../record/types';
import { choicesProblem, indexItems } from './choice';

// docs/record-format.md § Choices. The messages are part of the verifier's output, which other
// programs compare byte for byte, so they are pinned here.
const items = [
	{ id: 'r1', type: 'resolution', title: 'R', matter: 1 },
	{
		id: 'e1',
		type: 'election',
		title: 'E',
		matter: 3,
		seats: 3,
		alternates: 0,
		candidates: ['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, name: id }))
	}
] as Item[];
const index = indexItems(items);

describe('choicesProblem', () => {
	it.each(['for', 'against', 'abstain', 'spoiled'])('accepts %s on a resolution', (c) => {
		expect(choicesProblem({ r1: c }, index)).toBeNull();
	});
	it.each([
		[{ r1: 'yes' }, 'item r1: "yes" is not a choice'],
		[{ r1: 1 }, 'item r1: 1 is not a choice'],
		[{ r1: ['for'] }, 'item r1: ["for"] is not a choice'],
		[{ r1: null }, 'item r1: null is not a choice'],
		[{ r9: 'for' }, 'choice for unknown item "r9"'],
		[{ e1: 'c1' }, 'item e1: "c1" is not a list of candidates'],
		[{ e1: ['c1', 'c2', 'c3', 'c4'] }, 'item e1: names 4 candidates for 3 seats'],
		[{ e1: ['c1', 'c9'] }, 'item e1: unknown candidate "c9"'],
		[{ e1: ['c1', 2] }, 'item e1: unknown candidate 2'],
		[{ e1: ['c2', 'c1', 'c2'] }, 'item e1: candidate c2 named twice'],
		[{ e1: ['c1', 'c3', 'c3'] }, 'item e1: candidate c3 named twice'],
		[{ r1: 'for', e1: ['c1', 'c1'], r9: 'x' }, 'item e1: candidate c1 named twice'],
		[[], 'choices is not an object'],
		[null, 'choices is not an object']
	])('%j: %s', (choices, message) => {
		expect(choicesProblem(choices, index)).toBe(message);
	});
	it('accepts distinct known candidates up to the seats, none, or spoiled', () => {
		expect(choicesProblem({ e1: ['c3', 'c1', 'c4'], r1: 'for' }, index)).toBeNull();
		expect(choicesProblem({ e1: [] }, index)).toBeNull();
		expect(choicesProblem({ e1: 'spoiled' }, index)).toBeNull();
		expect(choicesProblem({}, index)).toBeNull();
	});
});
