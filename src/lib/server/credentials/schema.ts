import { boolean, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id } from '../db/columns';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn } from '../organisations/schema';
import { activities } from '../activities/schema';
import { enrolments } from '../enrolments/schema';
import { users } from '../accounts/schema';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * An organisation's signing keys. The secret half is encrypted with the platform's credential secret
 * (never stored beside it); retired keys stay in the DID document so that what they signed still
 * verifies.
 */
export const issuerKeys = pgTable(
	'issuer_keys',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		/** The fragment after the DID: `key-1`, `key-2`, ... */
		fragment: text('fragment').notNull(),
		publicKeyMultibase: text('public_key_multibase').notNull(),
		secretKeyEncrypted: bytea('secret_key_encrypted').notNull(),
		active: boolean('active').notNull().default(true),
		createdAt: createdAt(),
		retiredAt: at('retired_at')
	},
	(table) => [
		uniqueIndex('issuer_keys_fragment_idx').on(table.organisationId, table.fragment),
		// At most one active key per organisation: two instances creating the first key race safely.
		uniqueIndex('issuer_keys_active_idx').on(table.organisationId).where(sql`active`)
	]
);

/** The next free position in each organisation's revocation status list. */
export const statusListCounters = pgTable('status_list_counters', {
	organisationId: organisationIdColumn().primaryKey(),
	cityId: cityIdColumn(),
	nextIndex: integer('next_index').notNull().default(0)
});

/** An awarded badge: the signed Open Badges 3.0 credential as issued, and its revocation state. */
export const credentials = pgTable(
	'credentials',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'set null' }),
		enrolmentId: uuid('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
		/** The learner; null after they deleted their account (the credential stays verifiable). */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** One credential per learner and badge: the key that makes awarding idempotent. */
		awardKey: text('award_key').notNull(),
		statusIndex: integer('status_index').notNull(),
		document: jsonb('document').$type<Record<string, unknown>>().notNull(),
		awardedBy: uuid('awarded_by').references(() => users.id, { onDelete: 'set null' }),
		issuedAt: at('issued_at').notNull(),
		validUntil: at('valid_until'),
		revokedAt: at('revoked_at'),
		revocationReason: text('revocation_reason'),
		revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('credentials_award_key_idx').on(table.awardKey),
		uniqueIndex('credentials_status_idx').on(table.organisationId, table.statusIndex),
		index('credentials_user_idx').on(table.userId, table.issuedAt),
		index('credentials_activity_idx').on(table.activityId)
	]
);
