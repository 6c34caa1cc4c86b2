import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/**
 * district → street → community → estate; `path` is the materialised ancestry "/d/s/c/e/". The one
 * `platform` row (path "/") is the root: an admin grant on it covers every place.
 */
export const place = pgTable(
	'place',
	{
		id: text('id').primaryKey(),
		kind: text('kind', {
			enum: ['platform', 'district', 'street', 'community', 'estate']
		}).notNull(),
		name: text('name').notNull(),
		parentId: text('parent_id').references((): AnyPgColumn => place.id),
		path: text('path').notNull(),
		/** A street's registered Ed25519 public key (hex) for countersigning results; its secret stays with the street. */
		publicKey: text('public_key'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('place_path_uq').on(t.path),
		index('place_parent_idx').on(t.parentId),
		check(
			'place_parent_ck',
			sql`(${t.kind} in ('platform', 'district')) = (${t.parentId} is null)`
		),
		check('place_root_ck', sql`(${t.kind} = 'platform') = (${t.path} = '/')`)
	]
);

export const estateSetting = pgTable('estate_setting', {
	estateId: text('estate_id')
		.primaryKey()
		.references(() => place.id),
	countedKinds: jsonb('counted_kinds')
		.$type<string[]>()
		.notNull()
		.default(['residence', 'shop', 'parking', 'other']),
	noticeDays: integer('notice_days').notNull().default(15),
	objectionDays: integer('objection_days').notNull().default(7),
	/** Days a published result is announced for objections before it is final (计票结果公示). */
	announcementDays: integer('announcement_days').notNull().default(7),
	/** The legal rule set cited for this estate (src/lib/domain/legal/rule-sets.ts). */
	ruleSet: text('rule_set', { enum: ['national', 'fujian', 'beijing', 'hangzhou'] })
		.notNull()
		.default('national'),
	/** Bounds of a written vote's window in days (the estate's 议事规则; 杭州条例 第20条: 5 to 60). */
	voteMinDays: integer('vote_min_days').notNull().default(5),
	voteMaxDays: integer('vote_max_days').notNull().default(60),
	/** How many owners one proxy (书面委托) may represent in one assembly. */
	proxyMax: integer('proxy_max').notNull().default(3)
});

export const building = pgTable(
	'building',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		name: text('name').notNull()
	},
	(t) => [uniqueIndex('building_estate_name_uq').on(t.estateId, t.name)]
);
