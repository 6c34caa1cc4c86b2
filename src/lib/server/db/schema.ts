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
	/** Base32 TOTP secret; required for staff and oversight, confirmed once a code was entered. */
	totpSecret: text('totp_secret'),
	totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true, mode: 'date' }),
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
		/** Set once the second factor (TOTP) was checked in this session. */
		twoFactorAt: timestamp('two_factor_at', { withTimezone: true, mode: 'date' }),
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

/** Co-owners of a unit who do not vote: the unit's `owner_id` is the representative. */
export const unitCoOwner = pgTable(
	'unit_co_owner',
	{
		unitId: text('unit_id')
			.notNull()
			.references(() => unit.id, { onDelete: 'cascade' }),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id)
	},
	(t) => [primaryKey({ columns: [t.unitId, t.ownerId] })]
);

/** How an owner account was verified against the roll, and by whom. */
export const ownerVerification = pgTable(
	'owner_verification',
	{
		accountId: text('account_id')
			.primaryKey()
			.references(() => account.id, { onDelete: 'cascade' }),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		method: text('method', { enum: ['code', 'review', 'in_person'] }).notNull(),
		verifiedBy: text('verified_by').references(() => account.id),
		note: text('note'),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
	},
	(t) => [index('owner_verification_owner_idx').on(t.ownerId)]
);

/** One-time registration codes printed on letters; only their keyed hash is stored. */
export const registrationCode = pgTable(
	'registration_code',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		codeHash: text('code_hash').notNull().unique(),
		expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
		createdBy: text('created_by').references(() => account.id),
		createdAt: createdAt()
	},
	(t) => [index('registration_code_owner_idx').on(t.ownerId)]
);

/** A registration that staff must review: a code that did not match, or a self-registration. */
export const registrationRequest = pgTable(
	'registration_request',
	{
		id: text('id').primaryKey(),
		estateId: text('estate_id')
			.notNull()
			.references(() => place.id),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['code_mismatch', 'self'] }).notNull(),
		/** The owner the code was issued to (code_mismatch), else null. */
		ownerId: text('owner_id').references(() => owner.id),
		unitId: text('unit_id').references(() => unit.id),
		claimedName: text('claimed_name').notNull(),
		claimedIdLast4: text('claimed_id_last4').notNull(),
		phone: text('phone'),
		/** Stored outside the web root; path relative to the uploads directory. */
		certificateFile: text('certificate_file'),
		certificateType: text('certificate_type'),
		state: text('state', { enum: ['pending', 'approved', 'rejected'] })
			.notNull()
			.default('pending'),
		reason: text('reason'),
		reviewedBy: text('reviewed_by').references(() => account.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
		createdAt: createdAt()
	},
	(t) => [index('registration_request_estate_idx').on(t.estateId, t.state)]
);

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
