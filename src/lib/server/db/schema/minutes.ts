import { customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { account } from './auth';
import { assembly } from './assemblies';

/** Raw bytes: postgres.js and PGlite both read bytea as a Uint8Array (postgres.js a Buffer). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength)
});

/**
 * Every version of an assembly's signed minutes (会议决议 / 计票结果公告), in each language it was
 * asked for. `figures` is the canonical minutes.json the PDF carries; a new version is made only
 * when those figures change (the street's countersignature, the scrutineers).
 */
export const minutes = pgTable(
	'minutes',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		version: integer('version').notNull(),
		locale: text('locale', { enum: ['zh', 'en'] }).notNull(),
		reason: text('reason', { enum: ['counted', 'countersigned', 'updated'] }).notNull(),
		figures: text('figures').notNull(),
		sha256: text('sha256').notNull(),
		pdf: bytea('pdf').notNull(),
		createdBy: text('created_by').references(() => account.id),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.version, t.locale] })]
);

/** The scrutineers staff name for an assembly: 监票人 (supervisor) and 计票人 (counter). */
export const scrutineer = pgTable(
	'scrutineer',
	{
		id: text('id').primaryKey(),
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		role: text('role', { enum: ['supervisor', 'counter'] }).notNull(),
		name: text('name').notNull(),
		addedBy: text('added_by')
			.notNull()
			.references(() => account.id),
		createdAt: createdAt()
	},
	(t) => [index('scrutineer_assembly_idx').on(t.assemblyId)]
);
