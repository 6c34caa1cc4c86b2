import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { owner } from './roll';
import { account } from './auth';
import { assembly } from './assemblies';

export const PROXY_STATES = ['pending', 'verified', 'rejected', 'revoked', 'used'] as const;

/**
 * A written authorisation (书面委托) of one owner for one assembly: the proxy's account, the
 * uploaded document (its SHA-256 audited), choices the owner directed (canonical JSON, item id →
 * choice; items not named are left to the proxy), staff verification, and the ledger seq once used.
 */
export const proxyAuthorisation = pgTable(
	'proxy_authorisation',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		proxyAccountId: text('proxy_account_id')
			.notNull()
			.references(() => account.id),
		directed: text('directed').notNull().default('{}'),
		state: text('state', { enum: PROXY_STATES }).notNull().default('pending'),
		documentPath: text('document_path').notNull(),
		documentType: text('document_type').notNull(),
		documentSha256: text('document_sha256').notNull(),
		createdBy: text('created_by')
			.notNull()
			.references(() => account.id),
		createdAt: createdAt(),
		reviewedBy: text('reviewed_by').references(() => account.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
		seq: integer('seq')
	},
	(t) => [
		// One live authorisation per owner and assembly; revoked or rejected ones stay as history.
		uniqueIndex('proxy_live_uq')
			.on(t.assemblyId, t.ownerId)
			.where(sql`${t.state} in ('pending', 'verified', 'used')`),
		index('proxy_account_idx').on(t.assemblyId, t.proxyAccountId)
	]
);

/**
 * A named proxy who had no account when the owner authorised them (name and phone only): a
 * disabled placeholder account holds the authorisation until the person registers with the code
 * the owner gave them and the same phone number. Code and phone are stored as keyed hashes.
 */
export const proxyInvite = pgTable('proxy_invite', {
	accountId: text('account_id')
		.primaryKey()
		.references(() => account.id),
	codeHash: text('code_hash').notNull().unique(),
	phoneHash: text('phone_hash').notNull(),
	createdBy: text('created_by')
		.notNull()
		.references(() => account.id),
	createdAt: createdAt(),
	claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' })
});
