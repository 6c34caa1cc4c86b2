import { describe, expect, it } from 'vitest';
import type { Choice } from '../record/types';
import { directedProblem } from './directed';

describe('directed choices of a written authorisation (书面委托)', () => {
	it.each([
		[{}, { r1: 'for' }, null],
		[{ r1: 'against' }, { r1: 'against', r2: 'for' }, null],
		[{ r1: 'against' }, { r1: 'for' }, 'r1'],
		[{ r1: 'against' }, {}, 'r1'],
		[{ e1: ['c1', 'c2'] }, { e1: ['c2', 'c1'] }, null],
		[{ e1: ['c1'] }, { e1: ['c1', 'c2'] }, 'e1']
	] as const)('directed %j, ballot %j → %s', (directed, choices, want) => {
		expect(
			directedProblem(directed as Record<string, Choice>, choices as Record<string, Choice>)
		).toBe(want);
	});
});
