import { describe, expect, it } from 'vitest';
import { precedenceProblem } from './precedence';

describe('precedence of paper and proxy ballots (issue 10, spec: Counting 1)', () => {
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
