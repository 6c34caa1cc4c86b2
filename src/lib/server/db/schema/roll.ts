import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { place, building } from './places';

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
