import { bigserial, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { account } from './auth';

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
