import { and, eq, inArray } from 'drizzle-orm';
import { choicesProblem } from '../../domain/counting/choice';
import { directedProblem } from '../../domain/ledger/directed';
import type { Choice } from '../../domain/record/types';
import type { Db } from '../db/client';
import { proxyAuthorisation } from '../db/schema';
import { appendAudit } from '../audit';
import { appendChannelBallot } from '../ballots/channel-append';
import { votingContext } from '../ballots/context';
import { emitLedgerEvent } from '../ballots/events';
import { lockLedger } from '../ledger/store';
import { meetingChoices, meetingProgress, type MeetingGateCode } from '../meeting/gate';

export type ProxyVoteCode =
	| 'proxy.notFound'
	| 'proxy.notVerified'
	| 'proxy.used'
	| 'proxy.directed'
	| 'proxy.invalidChoice'
	| 'ballot.notOpen'
	| 'ballot.closed'
	| 'ballot.votedOnline'
	| 'ballot.ownerVoted'
	| 'ballot.alreadyVoted'
	| MeetingGateCode;
export type ProxyVoteResult =
	| { ok: true; seq: number; hash: string; at: string }
	| { ok: false; code: ProxyVoteCode; detail?: string };

/**
 * A proxy's ballot for the owner they represent (channel "proxy"): only on a verified
 * authorisation, with the owner's directed choices as given, and refused once the owner voted.
 * The authorisation is used in the same transaction as the append. During an on-site meeting the
 * proxy, like an owner, votes only on the item open now, once per item under revote "last".
 */
export async function castProxyBallot(
	db: Db,
	input: { authorisationId: string; proxyAccountId: string; choices: unknown },
	now = new Date()
): Promise<ProxyVoteResult> {
	const [auth] = await db
		.select()
		.from(proxyAuthorisation)
		.where(eq(proxyAuthorisation.id, input.authorisationId));
	if (!auth || auth.proxyAccountId !== input.proxyAccountId)
		return { ok: false, code: 'proxy.notFound' };
	const ctx = await votingContext(db, auth.assemblyId, now.getTime());
	if (!ctx) return { ok: false, code: 'proxy.notFound' };
	const a = ctx.assembly;
	const meeting = a.form === 'meeting' && (await meetingProgress(db, a.id)).started;
	if (auth.state === 'used' && !(meeting && a.revote === 'last'))
		return { ok: false, code: 'proxy.used' };
	if (auth.state !== 'verified' && auth.state !== 'used')
		return { ok: false, code: 'proxy.notVerified' };
	if (a.state !== 'open' || now < a.opensAt)
		return { ok: false, code: now >= a.closesAt ? 'ballot.closed' : 'ballot.notOpen' };
	const voter = ctx.voters.get(auth.ownerId);
	if (!voter) return { ok: false, code: 'proxy.notFound' };
	const problem = choicesProblem(input.choices, ctx.index);
	if (problem) return { ok: false, code: 'proxy.invalidChoice', detail: problem };
	const choices = input.choices as Record<string, Choice>;
	const directed = JSON.parse(auth.directed) as Record<string, Choice>;
	// In a meeting the ballot names the open item only; the owner's direction for it still binds.
	const binding = meeting
		? Object.fromEntries(Object.entries(directed).filter(([id]) => id in choices))
		: directed;
	const off = directedProblem(binding, choices);
	if (off) return { ok: false, code: 'proxy.directed', detail: off };
	const r = await db
		.transaction(async (tx): Promise<ProxyVoteResult> => {
			await lockLedger(tx, a.id);
			let all = choices;
			if (a.form === 'meeting') {
				const gate = await meetingChoices(tx, a, voter.pseudonym, choices);
				if (!gate.ok) return { ok: false, code: gate.code, detail: gate.item };
				all = gate.choices;
			}
			const appended = await appendChannelBallot(
				tx,
				{ assemblyId: a.id, pseudonym: voter.pseudonym, channel: 'proxy', choices: all, meeting },
				now,
				(closesAt) => closesAt
			);
			if (!appended.ok) return appended;
			const used = await tx
				.update(proxyAuthorisation)
				.set({ state: 'used', seq: appended.seq })
				.where(
					and(
						eq(proxyAuthorisation.id, auth.id),
						inArray(proxyAuthorisation.state, meeting ? ['verified', 'used'] : ['verified'])
					)
				)
				.returning({ id: proxyAuthorisation.id });
			// Revoked meanwhile: roll the append back with the rest of the transaction.
			if (!used.length) throw new ProxyRevoked();
			await appendAudit(
				tx,
				{
					scope: a.estateId,
					actorId: input.proxyAccountId,
					action: 'proxy.vote',
					subject: auth.id,
					after: { assembly: a.id, seq: appended.seq, hash: appended.hash }
				},
				now
			);
			return appended;
		})
		.catch((e) => {
			if (e instanceof ProxyRevoked) return { ok: false, code: 'proxy.notVerified' } as const;
			throw e;
		});
	if (r.ok) emitLedgerEvent({ type: 'ballots', assemblyId: a.id, seqs: [r.seq] });
	return r;
}

class ProxyRevoked extends Error {}
