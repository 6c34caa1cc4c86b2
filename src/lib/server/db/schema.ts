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
		/** A street's registered Ed25519 public key (hex) for countersigning results; its secret stays with the street. */
		publicKey: text('public_key'),
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
	objectionDays: integer('objection_days').notNull().default(7),
	/** Bounds of a written vote's window in days (杭州条例 第20条: 5 to 60). */
	voteMinDays: integer('vote_min_days').notNull().default(5),
	voteMaxDays: integer('vote_max_days').notNull().default(60)
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

/** An owners' assembly (业主大会会议) of one estate and its rules (spec: assembly, rules). */
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
		/** Whether owners see per-item tallies before close (staff and oversight always do). */
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

/**
 * The ballot ledger: one hash chain per assembly. `body` holds the canonical bytes exactly as
 * hashed (jsonb would re-serialise them). UPDATE and DELETE are refused by a trigger.
 */
export const ledgerEntry = pgTable(
	'ledger_entry',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		seq: integer('seq').notNull(),
		type: text('type', { enum: ['open', 'ballot', 'close'] }).notNull(),
		prev: text('prev').notNull(),
		hash: text('hash').notNull(),
		body: text('body').notNull(),
		/** Pseudonymous owner id of a ballot (indexed for "my ballots" and revote checks). */
		owner: text('owner'),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.seq] }),
		uniqueIndex('ledger_prev_uq').on(t.assemblyId, t.prev),
		index('ledger_owner_idx').on(t.assemblyId, t.owner)
	]
);

/** A retried submission with the same Idempotency-Key returns the same receipt. */
export const ballotIdempotency = pgTable(
	'ballot_idempotency',
	{
		assemblyId: text('assembly_id').notNull(),
		accountId: text('account_id').notNull(),
		key: text('key').notNull(),
		seq: integer('seq').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.accountId, t.key] })]
);

/** Signed checkpoints (C2SP tlog-checkpoint notes) of the ledger's Merkle tree. */
export const checkpoint = pgTable(
	'checkpoint',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		treeSize: integer('tree_size').notNull(),
		root: text('root').notNull(),
		note: text('note').notNull(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.treeSize] })]
);

/** Ed25519 signatures over the head (spec: Signatures): the platform's, then the street's. */
export const headSignature = pgTable(
	'head_signature',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		by: text('by', { enum: ['platform', 'street'] }).notNull(),
		publicKey: text('public_key').notNull(),
		signature: text('signature').notNull(),
		signedBy: text('signed_by').references(() => account.id),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.by] })]
);

/** WebAuthn credentials (passkeys) of an account; ids and keys are base64url. */
export const passkey = pgTable(
	'passkey',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		publicKey: text('public_key').notNull(),
		counter: bigint('counter', { mode: 'number' }).notNull().default(0),
		transports: jsonb('transports').$type<string[]>().notNull().default([]),
		label: text('label').notNull(),
		createdAt: createdAt(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' })
	},
	(t) => [index('passkey_account_idx').on(t.accountId)]
);

/** Short-lived, single-use WebAuthn challenges; login challenges belong to no account yet. */
export const webauthnChallenge = pgTable('webauthn_challenge', {
	id: text('id').primaryKey(),
	accountId: text('account_id').references(() => account.id, { onDelete: 'cascade' }),
	challenge: text('challenge').notNull(),
	purpose: text('purpose', { enum: ['register', 'login'] }).notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull()
});
