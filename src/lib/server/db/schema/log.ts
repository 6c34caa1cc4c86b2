import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { assembly } from './assemblies';
import { account } from './auth';
import { unit } from './roll';

/**
 * Every platform signing key there has been, with the signed-note key name fixed when the key was
 * first used. Rotation adds a row and retires the old one; old public keys stay published so old
 * checkpoints and records keep verifying.
 */
export const logKey = pgTable('log_key', {
	publicKey: text('public_key').primaryKey(),
	name: text('name').notNull(),
	createdAt: createdAt(),
	retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' })
});

/** The checkpoint origin line of an assembly's ledger, fixed when the ledger opens. */
export const ledgerOrigin = pgTable('ledger_origin', {
	assemblyId: text('assembly_id')
		.primaryKey()
		.references(() => assembly.id),
	origin: text('origin').notNull(),
	createdAt: createdAt()
});

/**
 * A witness's cosignature line (C2SP tlog-cosignature, cosignature/v1) on a checkpoint, added after
 * the witness checked that this tree extends the last one it cosigned.
 */
export const cosignature = pgTable(
	'cosignature',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		treeSize: integer('tree_size').notNull(),
		/** The witness's public key (hex), e.g. a street's registered key. */
		publicKey: text('public_key').notNull(),
		name: text('name').notNull(),
		/** The whole signature line, "— name base64(keyID ‖ timestamp ‖ signature)". */
		line: text('line').notNull(),
		/** Seconds since the epoch, as signed in the line. */
		timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
		/** The account that submitted it (null for unattended witnessing from the CLI). */
		submittedBy: text('submitted_by').references(() => account.id),
		at: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.treeSize, t.publicKey] }),
		index('cosignature_key_idx').on(t.publicKey, t.assemblyId)
	]
);

/**
 * The openings of the frozen roll's label commitments: a unit's record id (random per assembly),
 * its label and salt. The public record carries only H({label, salt}); these stay with the server
 * and go out in the full record (oversight, courts) and to the unit's own owner.
 */
export const rollOpening = pgTable(
	'roll_opening',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		recordId: text('record_id').notNull(),
		unitId: text('unit_id')
			.notNull()
			.references(() => unit.id),
		label: text('label').notNull(),
		salt: text('salt').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.assemblyId, t.recordId] }),
		index('roll_opening_unit_idx').on(t.assemblyId, t.unitId)
	]
);
