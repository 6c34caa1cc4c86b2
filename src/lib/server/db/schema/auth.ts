import {
	bigint,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place } from './places';
import { owner } from './roll';

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
	/** The last accepted TOTP time step: a code of that step or an earlier one is refused (replay). */
	totpLastStep: bigint('totp_last_step', { mode: 'number' }),
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
	windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
	/** The latest failure, from which a growing delay is counted. */
	lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' })
});

/**
 * One-time password reset codes, issued in person by staff (owners) or an admin (staff accounts);
 * only the SHA-256 of the code is kept. A code is used once and expires.
 */
export const passwordReset = pgTable(
	'password_reset',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		issuedBy: text('issued_by')
			.notNull()
			.references(() => account.id),
		expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
		createdAt: createdAt()
	},
	(t) => [index('password_reset_account_idx').on(t.accountId)]
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
