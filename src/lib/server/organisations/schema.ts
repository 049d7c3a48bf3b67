import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';

/**
 * A learning provider in a city, and the Open Badges issuer of what it awards. Each city also has one
 * organisation of kind `city_office`: the city itself as an issuer, so that a city can own playlists
 * and award their badges with every tool an organisation has (keys, badge designer, endorsements).
 * Its members are the city's admins (see loadActor); it is not a learning provider in any listing.
 */
export const organisations = pgTable(
	'organisations',
	{
		id: id(),
		cityId: cityIdColumn(),
		name: text('name').notNull(),
		type: text('type').notNull(),
		email: text('email').notNull(),
		website: text('website'),
		description: jsonb('description').$type<LocalizedText>().notNull().default({}),
		status: text('status').$type<'pending' | 'approved' | 'suspended'>().notNull().default('pending'),
		kind: text('kind').$type<'provider' | 'city_office'>().notNull().default('provider'),
		/** Why the city suspended it (shown to the organisation's members). */
		statusReason: text('status_reason'),
		reviewedAt: at('reviewed_at'),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		index('organisations_city_status_idx').on(table.cityId, table.status, table.name),
		uniqueIndex('organisations_city_office_idx').on(table.cityId).where(sql`kind = 'city_office'`)
	]
);

/** The owning organisation of a row; deleting it deletes the row. */
export const organisationIdColumn = () =>
	uuid('organisation_id')
		.notNull()
		.references(() => organisations.id, { onDelete: 'cascade' });

export const memberships = pgTable(
	'memberships',
	{
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').$type<'owner' | 'admin' | 'member'>().notNull(),
		createdAt: createdAt()
	},
	(table) => [
		primaryKey({ columns: [table.organisationId, table.userId] }),
		index('memberships_user_idx').on(table.userId)
	]
);

export const invitations = pgTable(
	'invitations',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		email: text('email').notNull(),
		role: text('role').$type<'owner' | 'admin' | 'member'>().notNull(),
		/** SHA-256 of the token mailed to the invitee; the token itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		expiresAt: at('expires_at').notNull(),
		acceptedAt: at('accepted_at'),
		acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: at('revoked_at'),
		createdAt: createdAt()
	},
	(table) => [
		// One open invitation per address and organisation: inviting again re-sends it.
		uniqueIndex('invitations_open_email_idx')
			.on(table.organisationId, table.email)
			.where(sql`accepted_at is null and revoked_at is null`)
	]
);
