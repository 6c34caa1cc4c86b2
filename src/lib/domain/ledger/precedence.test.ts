import { describe, expect, it } from 'vitest';
import { precedenceProblem } from './precedence';

// Which ballot counts: docs/record-format.md § Revotes and § Counting, rule 1.
describe('a paper or proxy ballot after other ballots of the owner: taken, or refused with its code', () => {
	it.each([
		['paper', [], 'last', null],
		['paper', ['online'], 'last', 'ballot.votedOnline'],
		['paper', ['paper'], 'last', 'ballot.alreadyVoted'],
		// the owner's own paper ballot supersedes a proxy's under "last"…
		['paper', ['proxy'], 'last', null],
		// …but under "first" the proxy's came first and counts
		['paper', ['proxy'], 'first', 'ballot.alreadyVoted'],
		['proxy', [], 'first', null],
		['proxy', ['online'], 'last', 'ballot.ownerVoted'],
		['proxy', ['paper'], 'last', 'ballot.ownerVoted'],
		['proxy', ['proxy'], 'last', 'ballot.ownerVoted']
	] as const)('%s after %j under revote %s → %s', (channel, earlier, revote, code) => {
		expect(precedenceProblem(channel, earlier, revote)).toBe(code);
	});
});

// 集体讨论: items are voted one at a time, so a proxy's ballots follow one another under "last".
describe('a proxy ballot during an on-site meeting', () => {
	it.each([
		[[], 'last', null],
		[['proxy'], 'last', null],
		[['proxy', 'proxy'], 'last', null],
		[['online'], 'last', 'ballot.ownerVoted'],
		[['proxy', 'online'], 'last', 'ballot.ownerVoted'],
		[['proxy'], 'first', 'ballot.ownerVoted']
	] as const)('after %j under revote %s → %s', (earlier, revote, code) => {
		expect(precedenceProblem('proxy', earlier, revote, true)).toBe(code);
	});
});
