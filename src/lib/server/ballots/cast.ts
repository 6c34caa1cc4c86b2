import { randomBytes } from 'node:crypto';
import { choicesProblem } from '../../domain/counting/choice';
import type { Choice } from '../../domain/record/types';
import type { Db } from '../db/client';
import { meetingChoices, type MeetingGateCode } from '../meeting/gate';
import { votingContext } from './context';
import { emitLedgerEvent } from './events';
import { Sequencer } from './sequencer';

export interface CastInput {
	assemblyId: string;
	ownerId: string;
	accountId: string;
	choices: unknown;
	idempotencyKey?: string | null;
}

export type CastCode =
	| 'ballot.notFound'
	| 'ballot.notOpen'
	| 'ballot.closed'
	| 'ballot.notOnRoll'
	| 'ballot.invalidChoice'
	| 'ballot.alreadyVoted'
	| 'ballot.badKey'
	| 'ballot.keyReused'
	| MeetingGateCode;

export type CastResult =
	| {
			ok: true;
			receipt: { assembly: string; seq: number; hash: string; at: string };
			replayed: boolean;
	  }
	| { ok: false; code: CastCode; detail?: string };

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const SEQ = Symbol.for('gongyi.sequencers');
type Global = typeof globalThis & { [SEQ]?: WeakMap<Db, Sequencer> };

/** One sequencer per database handle in this process. */
function sequencer(db: Db): Sequencer {
	const g = globalThis as Global;
	const all = (g[SEQ] ??= new WeakMap());
	let s = all.get(db);
	if (!s) all.set(db, (s = new Sequencer(db)));
	return s;
}

/**
 * An owner's online ballot: checked against the frozen roll, the items and the voting window
 * (server time), then appended to the chain; answered only after the transaction commits.
 */
export async function castBallot(db: Db, input: CastInput, at?: Date): Promise<CastResult> {
	// A caller-given time (the demo's past assembly) is also the entry's time; otherwise the
	// sequencer stamps the entry when it appends.
	const now = at ?? new Date();
	if (input.idempotencyKey != null && !KEY.test(input.idempotencyKey))
		return { ok: false, code: 'ballot.badKey' };
	const ctx = await votingContext(db, input.assemblyId, now.getTime());
	if (!ctx) return { ok: false, code: 'ballot.notFound' };
	const a = ctx.assembly;
	if (a.state !== 'open' || now < a.opensAt)
		return {
			ok: false,
			code: a.state === 'closed' || now >= a.closesAt ? 'ballot.closed' : 'ballot.notOpen'
		};
	if (now >= a.closesAt) return { ok: false, code: 'ballot.closed' };
	const voter = ctx.voters.get(input.ownerId);
	if (!voter) return { ok: false, code: 'ballot.notOnRoll' };
	const problem = choicesProblem(input.choices, ctx.index);
	if (problem) return { ok: false, code: 'ballot.invalidChoice', detail: problem };
	let choices = input.choices as Record<string, Choice>;
	if (a.form === 'meeting') {
		const gate = await meetingChoices(db, a, voter.pseudonym, choices);
		if (!gate.ok) return { ok: false, code: gate.code, detail: gate.item };
		choices = gate.choices;
	}
	const r = await sequencer(db).submit({
		assemblyId: a.id,
		pseudonym: voter.pseudonym,
		accountId: input.accountId,
		channel: 'online',
		choices,
		nonce: randomBytes(16).toString('hex'),
		idempotencyKey: input.idempotencyKey ?? null,
		at
	});
	if (!r.ok) return r;
	if (!r.replayed) emitLedgerEvent({ type: 'ballots', assemblyId: a.id, seqs: [r.seq] });
	return {
		ok: true,
		receipt: { assembly: a.id, seq: r.seq, hash: r.hash, at: r.at },
		replayed: r.replayed
	};
}
