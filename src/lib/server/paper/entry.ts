import { and, asc, eq } from 'drizzle-orm';
import { choicesProblem } from '../../domain/counting/choice';
import { precedenceProblem } from '../../domain/ledger/precedence';
import { canonicalJson } from '../../domain/record/canonical';
import type { Choice } from '../../domain/record/types';
import type { Db } from '../db/client';
import { assembly, paperBallot, paperEntry } from '../db/schema';
import { appendAudit } from '../audit';
import { appendChannelBallot, channelsOf } from '../ballots/channel-append';
import { votingContext } from '../ballots/context';
import { emitLedgerEvent } from '../ballots/events';
import { newId } from '../ids';
import { lockLedger } from '../ledger/store';
import { meetingChoices, type MeetingGateCode } from '../meeting/gate';
import { personalDataHasher } from '../secrets';
import { readBallotCode } from './codes';
import { lateMinutesOf, paperDeadline } from './rule';

export type EntryCode =
	| 'paper.badCode'
	| 'paper.unknownCode'
	| 'paper.void'
	| 'paper.done'
	| 'paper.samePerson'
	| 'paper.needThird'
	| 'paper.invalidChoice'
	| 'ballot.closed'
	| 'ballot.votedOnline'
	| 'ballot.ownerVoted'
	| 'ballot.alreadyVoted'
	| MeetingGateCode;

/** first: waiting for a second person; mismatch: queued for a third; appended: in the ledger. */
export type EntryResult =
	| { ok: true; status: 'first' | 'mismatch' }
	| { ok: true; status: 'appended'; seq: number }
	| { ok: false; code: EntryCode; detail?: string };

export interface EntryInput {
	assemblyId: string;
	accountId: string;
	/** The code as scanned from the QR or typed from the paper. */
	code: string;
	choices: unknown;
}

/**
 * Blind double entry of a paper ballot (issue 10): two different staff members read the same paper;
 * only when both readings agree is it appended with channel "paper". A disagreement waits for a third
 * person, whose reading with the paper in hand is appended. Nobody reads the same ballot twice.
 * During an on-site meeting a paper ballot, like an online one, names only the item open now.
 */
export async function enterPaperBallot(
	db: Db,
	input: EntryInput,
	now = new Date()
): Promise<EntryResult> {
	const code = readBallotCode(input.code);
	if (!code) return { ok: false, code: 'paper.badCode' };
	const ctx = await votingContext(db, input.assemblyId, now.getTime());
	if (!ctx) return { ok: false, code: 'paper.unknownCode' };
	const problem = choicesProblem(input.choices, ctx.index);
	if (problem) return { ok: false, code: 'paper.invalidChoice', detail: problem };
	const choices = input.choices as Record<string, Choice>;
	const codeHash = (await personalDataHasher(db))('paper-ballot\n' + code);
	const late = await lateMinutesOf(db, input.assemblyId);
	const r = await db.transaction(async (tx): Promise<EntryResult> => {
		// The ledger lock first: entries of one ballot, and its append, are serialised with everything else.
		await lockLedger(tx, input.assemblyId);
		const [pb] = await tx
			.select()
			.from(paperBallot)
			.where(and(eq(paperBallot.codeHash, codeHash), eq(paperBallot.assemblyId, input.assemblyId)));
		if (!pb) return { ok: false, code: 'paper.unknownCode' };
		if (pb.state === 'void') return { ok: false, code: 'paper.void' };
		if (pb.state === 'entered') return { ok: false, code: 'paper.done' };
		const voter = ctx.voters.get(pb.ownerId);
		if (!voter) return { ok: false, code: 'paper.unknownCode' };
		const a = ctx.assembly;
		const [fresh] = await tx
			.select({ state: assembly.state })
			.from(assembly)
			.where(eq(assembly.id, a.id));
		if (fresh?.state !== 'open' || now >= paperDeadline(a.closesAt, late))
			return { ok: false, code: 'ballot.closed' };
		// Refused at every reading, so nobody types a ballot the ledger would not take.
		const refused = precedenceProblem(
			'paper',
			await channelsOf(tx, a.id, voter.pseudonym),
			a.revote
		);
		if (refused) return { ok: false, code: refused };
		// Checked at every reading too; the append carries the owner's earlier choices (gate.ts).
		const gate =
			a.form === 'meeting' ? await meetingChoices(tx, a, voter.pseudonym, choices) : null;
		if (gate && !gate.ok) return { ok: false, code: gate.code, detail: gate.item };
		const entries = await tx
			.select()
			.from(paperEntry)
			.where(eq(paperEntry.paperBallotId, pb.id))
			.orderBy(asc(paperEntry.round));
		if (entries.some((e) => e.accountId === input.accountId))
			return { ok: false, code: 'paper.samePerson' };
		const round = entries.length + 1;
		if (round > 3) return { ok: false, code: 'paper.done' };
		const text = canonicalJson(choices);
		await tx.insert(paperEntry).values({
			id: newId('pe'),
			paperBallotId: pb.id,
			round,
			accountId: input.accountId,
			choices: text
		});
		const agreed = round === 3 || (round === 2 && entries[0].choices === text);
		const audit = (action: string, after: object) =>
			appendAudit(
				tx,
				{
					scope: a.estateId,
					actorId: input.accountId,
					action,
					subject: pb.id,
					after: { assembly: a.id, round, ...after }
				},
				now
			);
		if (!agreed) {
			await audit(round === 1 ? 'paper.enter' : 'paper.mismatch', {});
			return { ok: true, status: round === 1 ? 'first' : 'mismatch' };
		}
		const appended = await appendChannelBallot(
			tx,
			{
				assemblyId: a.id,
				pseudonym: voter.pseudonym,
				channel: 'paper',
				choices: gate?.choices ?? choices
			},
			now,
			(closesAt) => paperDeadline(closesAt, late)
		);
		// Checked above under the same lock; a refusal here is a bug, and throwing rolls back the reading.
		if (!appended.ok) throw new Error(`paper append refused after checks: ${appended.code}`);
		await tx
			.update(paperBallot)
			.set({ state: 'entered', seq: appended.seq, enteredAt: now })
			.where(eq(paperBallot.id, pb.id));
		await audit('paper.append', {
			seq: appended.seq,
			hash: appended.hash,
			afterClose: now >= a.closesAt
		});
		return { ok: true, status: 'appended', seq: appended.seq };
	});
	if (r.ok && r.status === 'appended')
		emitLedgerEvent({ type: 'ballots', assemblyId: input.assemblyId, seqs: [r.seq] });
	return r;
}
