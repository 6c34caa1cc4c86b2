import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place } from './places';
import { owner, unit } from './roll';
import { account } from './auth';

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
		state: text('state', { enum: ['pending', 'approved', 'rejected', 'expired'] })
			.notNull()
			.default('pending'),
		reason: text('reason'),
		reviewedBy: text('reviewed_by').references(() => account.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
		createdAt: createdAt()
	},
	(t) => [index('registration_request_estate_idx').on(t.estateId, t.state)]
);
