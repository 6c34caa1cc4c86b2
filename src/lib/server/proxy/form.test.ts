import { describe, expect, it } from 'vitest';
import type { Item } from '../../domain/record/types';
import { directionsFromForm } from './form';

const items = [
	{ id: 'r1', type: 'resolution' },
	{ id: 'r2', type: 'resolution' },
	{ id: 'e1', type: 'election', seats: 2 },
	{ id: 'e2', type: 'election', seats: 1 }
] as unknown as Item[];

const form = (pairs: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of pairs) f.append(k, v);
	return f;
};

describe('directions from the owner’s authorisation form (书面委托 may limit authority per matter)', () => {
	it('keeps chosen resolutions and directed elections; the rest is left to the proxy', () => {
		const f = form([
			['item:r1', 'against'],
			['item:r2', ''],
			['direct:e1', 'yes'],
			['item:e1', 'c1'],
			['item:e1', 'c3'],
			['direct:e2', ''],
			['item:e2', 'c9']
		]);
		expect(directionsFromForm(f, items)).toEqual({ r1: 'against', e1: ['c1', 'c3'] });
	});
	it('an election directed with no candidate ticked is a directed abstention', () => {
		expect(directionsFromForm(form([['direct:e2', 'yes']]), items)).toEqual({ e2: [] });
	});
});
