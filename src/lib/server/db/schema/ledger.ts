import {
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { account } from './auth';
import { assembly } from './assemblies';

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
		index('ledger_owner_idx').on(t.assemblyId, t.owner),
		// The verify page looks a ballot up by the hash on its receipt alone.
		index('ledger_hash_idx').on(t.hash)
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

/** Ed25519 signatures over the head (docs/record-format.md § Signatures): the platform's, then the street's. */
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
