import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place } from './places';
import { unit } from './roll';
import { account } from './auth';

/** Roll publication (公示) for an objection period; a roll is frozen only with no open objection. */
export const rollPublication = pgTable(
	'roll_publication',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		state: text('state', { enum: ['published', 'frozen', 'withdrawn'] }).notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
		objectionsUntil: timestamp('objections_until', { withTimezone: true, mode: 'date' }).notNull(),
		publishedBy: text('published_by')
			.notNull()
			.references(() => account.id),
		/** H of the roll as published, so later edits are visible. */
		rollHash: text('roll_hash').notNull(),
		frozenAt: timestamp('frozen_at', { withTimezone: true, mode: 'date' }),
		frozenBy: text('frozen_by').references(() => account.id)
	},
	(t) => [index('roll_publication_estate_idx').on(t.estateId)]
);

export const rollObjection = pgTable(
	'roll_objection',
	{
		id: text('id').primaryKey(),
		publicationId: text('publication_id')
			.notNull()
			.references(() => rollPublication.id),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		unitId: text('unit_id')
			.notNull()
			.references(() => unit.id),
		filedBy: text('filed_by')
			.notNull()
			.references(() => account.id),
		text: text('text').notNull(),
		state: text('state', { enum: ['open', 'resolved'] })
			.notNull()
			.default('open'),
		answer: text('answer'),
		answeredBy: text('answered_by').references(() => account.id),
		answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
		createdAt: createdAt()
	},
	(t) => [index('roll_objection_pub_idx').on(t.publicationId, t.state)]
);
