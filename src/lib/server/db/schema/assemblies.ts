import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place } from './places';
import { owner, unit } from './roll';
import { account } from './auth';

export const ASSEMBLY_STATES = [
	'draft',
	'filed',
	'returned',
	'announced',
	'open',
	'closed',
	'counted',
	'published',
	'cancelled'
] as const;

/** An owners' assembly (业主大会会议) of one estate and its rules (docs/record-format.md § Estate and assembly). */
export const assembly = pgTable(
	'assembly',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		form: text('form', { enum: ['written', 'meeting'] }).notNull(),
		state: text('state', { enum: ASSEMBLY_STATES }).notNull().default('draft'),
		opensAt: timestamp('opens_at', { withTimezone: true, mode: 'date' }).notNull(),
		closesAt: timestamp('closes_at', { withTimezone: true, mode: 'date' }).notNull(),
		revote: text('revote', { enum: ['last', 'first'] })
			.notNull()
			.default('last'),
		blank: text('blank', { enum: ['abstain', 'not_participating'] })
			.notNull()
			.default('abstain'),
		/**
		 * Meeting form only: whether each item's result is shown (projector, owners, officials) once
		 * staff close it. Otherwise nobody sees per-item tallies while voting runs (live/visible.ts).
		 */
		talliesVisible: boolean('tallies_visible').notNull().default(false),
		reviewComment: text('review_comment'),
		cancelReason: text('cancel_reason'),
		announcedAt: timestamp('announced_at', { withTimezone: true, mode: 'date' }),
		/** The frozen roll as hashed at open (canonical JSON text, pseudonymous owner ids). */
		rollJson: text('roll_json'),
		/** The recomputed result (canonical JSON text) once counted. */
		resultJson: text('result_json'),
		createdBy: text('created_by')
			.notNull()
			.references(() => account.id),
		createdAt: createdAt()
	},
	(t) => [
		index('assembly_estate_idx').on(t.estateId),
		check('assembly_window_ck', sql`${t.closesAt} > ${t.opensAt}`)
	]
);

/** A resolution or an election; `key` is the item id in the record ("r1", "e1"). */
export const assemblyItem = pgTable(
	'assembly_item',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		type: text('type', { enum: ['resolution', 'election'] }).notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** Clause of 民法典 第278条 (1–9); elections are matter 3. */
		matter: integer('matter').notNull(),
		seats: integer('seats'),
		alternates: integer('alternates')
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.key] }),
		check('item_matter_ck', sql`${t.matter} between 1 and 9`)
	]
);

export const candidate = pgTable(
	'candidate',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id, { onDelete: 'cascade' }),
		itemKey: text('item_key').notNull(),
		/** The candidate id in the record ("c1"). */
		key: text('key').notNull(),
		name: text('name').notNull(),
		unitId: text('unit_id').references(() => unit.id),
		profile: text('profile').notNull().default(''),
		partyMember: boolean('party_member').notNull().default(false),
		vetting: text('vetting', { enum: ['pending', 'approved', 'rejected'] })
			.notNull()
			.default('pending'),
		vettingReason: text('vetting_reason'),
		vettedBy: text('vetted_by').references(() => account.id),
		vettedAt: timestamp('vetted_at', { withTimezone: true, mode: 'date' })
	},
	(t) => [uniqueIndex('candidate_key_uq').on(t.assemblyId, t.key)]
);

export const assemblyDocument = pgTable('assembly_document', {
	id: text('id').primaryKey(),
	assemblyId: text('assembly_id')
		.notNull()
		.references(() => assembly.id, { onDelete: 'cascade' }),
	filename: text('filename').notNull(),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	/** Stored outside the web root, relative to the uploads directory. */
	path: text('path').notNull(),
	createdAt: createdAt()
});

/** Voters of an assembly as frozen at open: the roll owner, their pseudonym in the record, weight. */
export const assemblyVoter = pgTable(
	'assembly_voter',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		pseudonym: text('pseudonym').notNull(),
		areaHundredths: bigint('area_hundredths', { mode: 'bigint' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.ownerId] }),
		uniqueIndex('assembly_voter_pseudonym_uq').on(t.assemblyId, t.pseudonym)
	]
);
