import { pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { owner } from './roll';
import { account } from './auth';
import { assembly } from './assemblies';

/** An owner (or their proxy) checked in at the door of a meeting-form assembly (集体讨论). */
export const meetingCheckin = pgTable(
	'meeting_checkin',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		ownerId: text('owner_id')
			.notNull()
			.references(() => owner.id),
		/** A paper ballot's QR or code, the registration letter's, a unit search, a phone number. */
		via: text('via', { enum: ['qr', 'letter', 'search', 'phone'] }).notNull(),
		checkedInBy: text('checked_in_by')
			.notNull()
			.references(() => account.id),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.ownerId] })]
);

/** Items staff open and close one at a time during the meeting. */
export const meetingItem = pgTable(
	'meeting_item',
	{
		assemblyId: text('assembly_id')
			.notNull()
			.references(() => assembly.id),
		itemKey: text('item_key').notNull(),
		openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
		closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' })
	},
	(t) => [primaryKey({ columns: [t.assemblyId, t.itemKey] })]
);

/** The secret link of the projector view: no login, no personal data. */
export const meetingScreen = pgTable(
	'meeting_screen',
	{
		assemblyId: text('assembly_id')
			.primaryKey()
			.references(() => assembly.id),
		token: text('token').notNull()
	},
	(t) => [uniqueIndex('meeting_screen_token_uq').on(t.token)]
);
