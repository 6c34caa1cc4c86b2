import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { owner } from './roll';
import { account } from './auth';
import { assembly } from './assemblies';

/**
 * A printed ballot of one owner for one assembly. Only the HMAC of its code is stored; reprinting
 * voids the owner's earlier unused ballots. `seq` is the ledger entry once both entries agreed.
 */
export const paperBallot = pgTable(
	'paper_ballot',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		codeHash: text('code_hash').notNull(),
		state: text('state', { enum: ['issued', 'entered', 'void'] })
			.notNull()
			.default('issued'),
		seq: integer('seq'),
		issuedBy: text('issued_by')
			.notNull()
			.references(() => account.id),
		createdAt: createdAt(),
		enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' })
	},
	(t) => [
		uniqueIndex('paper_ballot_code_uq').on(t.codeHash),
		index('paper_ballot_owner_idx').on(t.assemblyId, t.ownerId),
		// One ledger entry per paper ballot, at most.
		uniqueIndex('paper_ballot_seq_uq').on(t.assemblyId, t.seq)
	]
);

/**
 * One staff member's reading of a paper ballot. Round 1 and 2 are the blind double entry (two
 * different people, enforced by the unique index); round 3 resolves a mismatch with the paper in hand.
 */
export const paperEntry = pgTable(
	'paper_entry',
	{
		id: text('id').primaryKey(),
		paperBallotId: text('paper_ballot_id')
			.notNull()
			.references(() => paperBallot.id),
		round: integer('round').notNull(),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id),
		/** Canonical JSON of the choices as read from the paper. */
		choices: text('choices').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('paper_entry_round_uq').on(t.paperBallotId, t.round),
		uniqueIndex('paper_entry_person_uq').on(t.paperBallotId, t.accountId),
		check('paper_entry_round_ck', sql`${t.round} between 1 and 3`)
	]
);

/** A photo or scan of a paper ballot, stored outside the web root; its SHA-256 is audited. */
export const paperAttachment = pgTable('paper_attachment', {
	id: text('id').primaryKey(),
	paperBallotId: text('paper_ballot_id')
		.notNull()
		.references(() => paperBallot.id),
	sha256: text('sha256').notNull(),
	path: text('path').notNull(),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	uploadedBy: text('uploaded_by')
		.notNull()
		.references(() => account.id),
	createdAt: createdAt()
});

/**
 * The assembly's rule for paper ballots received by the deadline but entered later: entry stays
 * allowed this many minutes after the window closes, and the close entry waits for it.
 */
export const paperRule = pgTable(
	'paper_rule',
	{
		assemblyId: text('assembly_id')
			.primaryKey()
			.references(() => assembly.id),
		lateMinutes: integer('late_minutes').notNull().default(0)
	},
	(t) => [check('paper_rule_late_ck', sql`${t.lateMinutes} between 0 and 10080`)]
);
