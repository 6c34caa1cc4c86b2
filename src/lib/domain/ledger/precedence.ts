import type { Channel, RevoteRule } from '../record/types';

export type PrecedenceCode = 'ballot.votedOnline' | 'ballot.ownerVoted' | 'ballot.alreadyVoted';

/**
 * Whether a paper or proxy ballot may join the ledger, given the channels of the owner's earlier
 * ballots. The owner's own online ballot prevails over paper, and any own ballot over a proxy's;
 * one paper ballot per owner; under revote "first" any earlier ballot is the counted one anyway
 * (docs/record-format.md § Revotes). Under revote "last" a later online ballot still supersedes
 * paper or proxy.
 */
export function precedenceProblem(
	channel: Exclude<Channel, 'online'>,
	earlier: readonly Channel[],
	revote: RevoteRule
): PrecedenceCode | null {
	if (channel === 'paper') {
		if (earlier.includes('online')) return 'ballot.votedOnline';
		if (earlier.includes('paper')) return 'ballot.alreadyVoted';
	} else if (earlier.length) return 'ballot.ownerVoted';
	if (revote === 'first' && earlier.length) return 'ballot.alreadyVoted';
	return null;
}
