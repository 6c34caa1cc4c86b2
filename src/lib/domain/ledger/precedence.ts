import type { Channel, RevoteRule } from '../record/types';

export type PrecedenceCode = 'ballot.votedOnline' | 'ballot.ownerVoted' | 'ballot.alreadyVoted';

/**
 * Whether a paper or proxy ballot may join the ledger, given the channels of the owner's earlier
 * ballots. The owner's own online ballot prevails over paper, and any own ballot over a proxy's;
 * one paper ballot per owner; under revote "first" any earlier ballot is the counted one anyway
 * (docs/record-format.md § Revotes). Under revote "last" a later online ballot still supersedes
 * paper or proxy. During an on-site meeting under "last" a proxy votes item by item, so a proxy
 * ballot may follow the owner's earlier proxy ballots (never the owner's own).
 */
export function precedenceProblem(
	channel: Exclude<Channel, 'online'>,
	earlier: readonly Channel[],
	revote: RevoteRule,
	meeting = false
): PrecedenceCode | null {
	if (channel === 'proxy' && meeting && revote === 'last')
		return earlier.every((c) => c === 'proxy') ? null : 'ballot.ownerVoted';
	if (channel === 'paper') {
		if (earlier.includes('online')) return 'ballot.votedOnline';
		if (earlier.includes('paper')) return 'ballot.alreadyVoted';
	} else if (earlier.length) return 'ballot.ownerVoted';
	if (revote === 'first' && earlier.length) return 'ballot.alreadyVoted';
	return null;
}
