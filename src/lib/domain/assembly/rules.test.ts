import { describe, expect, it } from 'vitest';
import { checkItem, checkReadiness, checkWindow, nextKey, noticeIsTimely } from './rules';
import { isSpecialMatter, ruleKind } from '../counting/rules';

const now = new Date('2026-03-01T00:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const bounds = { minDays: 5, maxDays: 60 };

describe('assembly rules', () => {
	it('matters 6–8 are special (民法典 第278条)', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9].filter(isSpecialMatter)).toEqual([6, 7, 8]);
	});
	it('an item is counted by one rule kind: elections apart, resolutions by matter', () => {
		expect(ruleKind({ type: 'election' })).toBe('election');
		expect(ruleKind({ type: 'election', matter: 7 })).toBe('election');
		expect(
			[1, 2, 3, 4, 5, 6, 7, 8, 9].map((matter) => ruleKind({ type: 'resolution', matter }))
		).toEqual([
			'ordinary',
			'ordinary',
			'ordinary',
			'ordinary',
			'ordinary',
			'special',
			'special',
			'special',
			'ordinary'
		]);
	});
	it('a written vote stays open 5 to 60 days, bounds included', () => {
		expect(checkWindow('written', at(20), at(25), bounds, now)).toBeNull();
		expect(checkWindow('written', at(20), at(24.9), bounds, now)).toBe('assembly.windowShort');
		expect(checkWindow('written', at(20), at(80), bounds, now)).toBeNull();
		expect(checkWindow('written', at(20), at(80.1), bounds, now)).toBe('assembly.windowLong');
		expect(checkWindow('meeting', at(20), at(20.1), bounds, now)).toBeNull();
		expect(checkWindow('meeting', at(20), at(20), bounds, now)).toBe('assembly.windowOrder');
		expect(checkWindow('written', at(-1), at(10), bounds, now)).toBe('assembly.opensPast');
	});
	it('the notice goes out at least 15 days before voting opens (以上 includes the bound)', () => {
		expect(noticeIsTimely(at(15), now, 15)).toBe(true);
		expect(noticeIsTimely(at(14.99), now, 15)).toBe(false);
	});
	it('items: matter 1–9, seats ≥ 1, alternates ≥ 0', () => {
		expect(checkItem({ type: 'resolution', title: 'x', matter: 0 })).toBe('item.matter');
		expect(checkItem({ type: 'resolution', title: 'x', matter: 10 })).toBe('item.matter');
		expect(checkItem({ type: 'resolution', title: ' ', matter: 1 })).toBe('item.titleEmpty');
		expect(checkItem({ type: 'election', title: 'x', seats: 0, alternates: 0 })).toBe('item.seats');
		expect(checkItem({ type: 'election', title: 'x', seats: 5, alternates: -1 })).toBe(
			'item.alternates'
		);
		expect(checkItem({ type: 'election', title: 'x', seats: 5, alternates: 2 })).toBeNull();
	});
	it('keys continue after the highest used one', () => {
		expect(nextKey('r', [])).toBe('r1');
		expect(nextKey('c', ['c1', 'c3', 'e1'])).toBe('c4');
	});
	it('filing needs items, candidates, and every candidate approved', () => {
		const items = [{ key: 'e1', type: 'election' as const }];
		expect(checkReadiness([], [])).toBe('assembly.noItems');
		expect(checkReadiness(items, [])).toBe('assembly.noCandidates');
		expect(checkReadiness(items, [{ itemKey: 'e1', vetting: 'pending' }])).toBe(
			'assembly.candidatePending'
		);
		expect(checkReadiness(items, [{ itemKey: 'e1', vetting: 'rejected' }])).toBe(
			'assembly.candidateRejected'
		);
		expect(checkReadiness(items, [{ itemKey: 'e1', vetting: 'approved' }])).toBeNull();
	});
});
