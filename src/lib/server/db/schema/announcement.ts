import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place } from './places';
import { owner } from './roll';
import { account } from './auth';
import { assembly } from './assemblies';

/**
 * The result announcement (计票结果公示) that publishing a counted assembly opens; the result is
 * final (结果确认) once the period has ended with no open objection. `confirmedAt` records when
 * that was noticed and audited.
 */
export const resultAnnouncement = pgTable('result_announcement', {
	assemblyId: text('assembly_id')
		.primaryKey()
		.references(() => assembly.id),
	estateId: text('estate_id')
		.notNull()
		.references(() => place.id),
	publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
	objectionsUntil: timestamp('objections_until', { withTimezone: true, mode: 'date' }).notNull(),
	publishedBy: text('published_by').references(() => account.id),
	confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' })
});

/** An owner's objection to an announced result, answered by staff in writing. */
export const resultObjection = pgTable(
	'result_objection',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		filedBy: text('filed_by')
			.notNull()
			.references(() => account.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		text: text('text').notNull(),
		/** Stored outside the web root, relative to the uploads directory. */
		attachmentPath: text('attachment_path'),
		attachmentType: text('attachment_type'),
		attachmentSize: integer('attachment_size'),
		state: text('state', { enum: ['open', 'answered'] })
			.notNull()
			.default('open'),
		answer: text('answer'),
		answeredBy: text('answered_by').references(() => account.id),
		answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
		createdAt: createdAt()
	},
	(t) => [index('result_objection_assembly_idx').on(t.assemblyId, t.state)]
);

/** Which oversight account has read which objection ("objections to read" on the console). */
export const resultObjectionRead = pgTable(
	'result_objection_read',
	{
		objectionId: text('objection_id')
			.notNull()
			.references(() => resultObjection.id),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.objectionId, t.accountId] })]
);

/** A recount ordered by oversight: the stored ledger verified and counted again. */
export const resultRecount = pgTable(
	'result_recount',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		orderedBy: text('ordered_by')
			.notNull()
			.references(() => account.id),
		outcome: text('outcome', { enum: ['same', 'different', 'invalid'] }).notNull(),
		/** The differing parts of the result, or the verifier's first error. */
		detail: jsonb('detail').$type<RecountDetail>().notNull(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [index('result_recount_assembly_idx').on(t.assemblyId, t.at)]
);

export interface RecountDetail {
	differences: string[];
	error: { code: string; seq: number | null; message: string } | null;
	head: { seq: number; hash: string } | null;
}

/**
 * Where an online ballot came from, as keyed hashes (HMAC) of the network address and the device,
 * kept beside the ledger and never in it or in the record: only the anomaly flags read it.
 */
export const ballotOrigin = pgTable(
	'ballot_origin',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		seq: integer('seq').notNull(),
		addressHash: text('address_hash').notNull(),
		deviceHash: text('device_hash').notNull(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.seq] }),
		index('ballot_origin_address_idx').on(t.assemblyId, t.addressHash, t.at)
	]
);
