import type { LiveState, LiveTallies } from '../../realtime/events';
import type { LiveSnapshot } from './state';

/** The tallies of the named items only (closed items of a meeting whose rules show them). */
function only(t: LiveTallies | null, keys: readonly string[]): LiveTallies | null {
	if (!t || !keys.length) return null;
	const items = t.items.filter((i) => keys.includes(i.id));
	return { items, results: Object.fromEntries(items.map((i) => [i.id, t.results[i.id]])) };
}

/**
 * What everyone else sees (owners, the projector): turnout only. Per-item tallies come with the
 * published result — except in a meeting-form assembly whose rules show each item's result once
 * staff closed it (`shownItems`).
 */
export const publicPart = (s: LiveSnapshot): LiveState => ({
	turnout: s.turnout,
	tallies: s.shownItems ? only(s.tallies, s.shownItems) : null,
	meeting: s.meeting
});

/**
 * Officials' view (staff, oversight). While voting runs nobody sees per-item tallies — not staff
 * either, who may be candidates and could canvass on interim results — except a meeting's closed
 * items where its rules show them; from the close of voting on they see every item.
 */
export const fullPart = (s: LiveSnapshot): LiveState => ({
	turnout: s.turnout,
	meeting: s.meeting,
	tallies: ['announced', 'open'].includes(s.turnout.state)
		? s.shownItems
			? only(s.tallies, s.shownItems)
			: null
		: s.tallies
});
