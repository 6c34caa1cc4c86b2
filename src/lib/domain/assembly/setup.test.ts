import { describe, expect, it } from 'vitest';
import { nextStep, setupChecklist } from './setup';

const DAY = 86_400_000;
const now = new Date('2026-05-01T01:00:00Z');
const timely = { opensAt: new Date(now.getTime() + 20 * DAY), now, noticeDays: 15 };
const done = (c: ReturnType<typeof setupChecklist>) => c.filter((x) => x.done).map((x) => x.key);

describe('setupChecklist', () => {
	it('lists every blocker of an empty draft at once', () => {
		const c = setupChecklist([], [], { ...timely, opensAt: new Date(now.getTime() + 3 * DAY) });
		expect(done(c)).toEqual(['vetted', 'noRejected']);
	});

	it('needs candidates for each election and their vetting', () => {
		const items = [
			{ key: 'r1', type: 'resolution' as const },
			{ key: 'e1', type: 'election' as const },
			{ key: 'e2', type: 'election' as const }
		];
		expect(done(setupChecklist(items, [{ itemKey: 'e1', vetting: 'pending' }], timely))).toEqual([
			'items',
			'noRejected',
			'notice'
		]);
		const c = setupChecklist(
			items,
			[
				{ itemKey: 'e1', vetting: 'approved' },
				{ itemKey: 'e2', vetting: 'rejected' }
			],
			timely
		);
		expect(done(c)).toEqual(['items', 'candidates', 'vetted', 'notice']);
	});

	it('is all done for a resolution-only assembly in time', () => {
		const c = setupChecklist([{ key: 'r1', type: 'resolution' }], [], timely);
		expect(c.every((x) => x.done)).toBe(true);
	});
});

describe('nextStep', () => {
	const base = {
		form: 'written' as const,
		opensAt: new Date(now.getTime() - DAY),
		closesAt: new Date(now.getTime() + DAY)
	};
	it('follows the lifecycle', () => {
		expect(nextStep({ ...base, state: 'draft' }, now)).toBe('prepare');
		expect(nextStep({ ...base, state: 'returned' }, now)).toBe('prepare');
		expect(nextStep({ ...base, state: 'filed' }, now)).toBe('awaitReview');
		expect(nextStep({ ...base, state: 'announced' }, now)).toBe('open');
		expect(
			nextStep({ ...base, state: 'announced', opensAt: new Date(now.getTime() + DAY) }, now)
		).toBe('awaitOpen');
		expect(nextStep({ ...base, state: 'open' }, now)).toBe('voting');
		expect(nextStep({ ...base, state: 'closed' }, now)).toBe('count');
		expect(nextStep({ ...base, state: 'counted' }, now)).toBe('publish');
		expect(nextStep({ ...base, state: 'published' }, now)).toBe('announcing');
		expect(nextStep({ ...base, state: 'cancelled' }, now)).toBe('done');
	});

	it('closes a written vote after the window and the late paper period', () => {
		const ended = { ...base, state: 'open', closesAt: new Date(now.getTime() - 10 * 60_000) };
		expect(nextStep(ended, now)).toBe('close');
		expect(nextStep(ended, now, 30)).toBe('voting');
		expect(nextStep({ ...base, state: 'open', form: 'meeting' }, now)).toBe('close');
	});
});
