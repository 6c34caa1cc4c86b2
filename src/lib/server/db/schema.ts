import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	bigint,
	bigserial,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

const createdAt = () =>
	timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** district → street → community → estate; `path` is the materialised ancestry "/d/s/c/e/". */
export const place = pgTable(
	'place',
	{
		id: text('id').primaryKey(),
		kind: text('kind', { enum: ['district', 'street', 'community', 'estate'] }).notNull(),
		name: text('name').notNull(),
		parentId: text('parent_id').references((): AnyPgColumn => place.id),
		path: text('path').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('place_path_uq').on(t.path),
		index('place_parent_idx').on(t.parentId),
		check('place_parent_ck', sql`(${t.kind} = 'district') = (${t.parentId} is null)`)
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
	objectionDays: integer('objection_days').notNull().default(7)
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

/** An owner as the law counts heads: one person, one organisation, or the developer (one head). */
export const owner = pgTable(
	'owner',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		kind: text('kind', { enum: ['person', 'organization', 'developer'] }).notNull(),
		name: text('name').notNull(),
		/** HMAC of the normalised ID number with the server secret; the number itself is never stored. */
		idKey: text('id_key'),
		idLast4: text('id_last4'),
		phone: text('phone'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('owner_estate_idkey_uq').on(t.estateId, t.idKey),
		index('owner_estate_idx').on(t.estateId)
	]
);

export const unit = pgTable(
	'unit',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		buildingId: text('building_id')
			.notNull()
			.references(() => building.id),
		label: text('label').notNull(),
		kind: text('kind', { enum: ['residence', 'shop', 'parking', 'other'] }).notNull(),
		/** 专有部分面积 in hundredths of a square metre. */
		areaHundredths: bigint('area_hundredths', { mode: 'bigint' }).notNull(),
		areaSource: text('area_source', { enum: ['register', 'survey', 'contract'] }).notNull(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		certificateNo: text('certificate_no')
	},
	(t) => [
		uniqueIndex('unit_building_label_uq').on(t.buildingId, t.label),
		index('unit_owner_idx').on(t.ownerId),
		index('unit_estate_idx').on(t.estateId),
		check('unit_area_positive_ck', sql`${t.areaHundredths} > 0`)
	]
);

export const account = pgTable('account', {
	id: text('id').primaryKey(),
	login: text('login').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	locale: text('locale', { enum: ['zh', 'en'] })
		.notNull()
		.default('zh'),
	totpSecret: text('totp_secret'),
	ownerId: text('owner_id').references(() => owner.id),
	disabled: boolean('disabled').notNull().default(false),
	createdAt: createdAt()
});

/** A role held on a place; a grant on a street covers every estate below it. */
export const roleGrant = pgTable(
	'role_grant',
	{
		accountId: text('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['admin', 'staff', 'oversight', 'owner'] }).notNull(),
		placeId: text('place_id')
			.notNull()
			.references(() => place.id)
	},
	(t) => [primaryKey({ columns: [t.accountId, t.role, t.placeId] })]
);

/** Sessions as lucia-auth.com documents them: only the SHA-256 of the token is stored. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('session_account_idx').on(t.accountId)]
);

/** Failed-attempt counters for login and code rate limits, keyed per IP and per (account, IP). */
export const throttle = pgTable('throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull()
});

/** Append-only, hash-chained audit trail, one chain per scope (an estate id or "platform"). */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		scope: text('scope').notNull(),
		seq: integer('seq').notNull(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
		actorId: text('actor_id').references(() => account.id),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		/** The canonical JSON that was hashed, kept as text so re-verification sees the same bytes. */
		body: text('body').notNull(),
		prev: text('prev').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		uniqueIndex('audit_scope_seq_uq').on(t.scope, t.seq),
		uniqueIndex('audit_scope_prev_uq').on(t.scope, t.prev)
	]
);

/** Secrets generated on first start when configuration does not provide them (demo, development). */
export const platformKey = pgTable('platform_key', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: createdAt()
});
