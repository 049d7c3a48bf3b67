import { boolean, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, createdAt, id } from '../db/columns';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn, organisations } from '../organisations/schema';
import { activities, activityIdColumn } from '../activities/schema';
import { enrolments } from '../enrolments/schema';
import { users } from '../accounts/schema';
import { playlists } from '../playlists/schema';

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
		/** Set for a playlist's badge (then `activityId` is null). */
		playlistId: uuid('playlist_id').references(() => playlists.id, { onDelete: 'set null' }),
		enrolmentId: uuid('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
		/** The learner; null after they deleted their account (the credential stays verifiable). */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		/**
		 * The e-mail a badge was awarded to when no account had it yet (bulk award): the credential waits
		 * here until someone verifies that address, and is then theirs.
		 */
		recipientEmail: text('recipient_email'),
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
		index('credentials_activity_idx').on(table.activityId),
		index('credentials_playlist_idx').on(table.playlistId),
		// Badges issued per city (or organisation) and month on the dashboard, read from the index alone.
		index('credentials_city_issued_idx').on(table.cityId, table.issuedAt, table.organisationId, table.userId),
		index('credentials_waiting_idx').on(table.recipientEmail).where(sql`user_id is null and recipient_email is not null`)
	]
);

export type AwardBatchStatus = 'running' | 'done';
export type AwardBatchItemStatus = 'pending' | 'awarded' | 'already' | 'failed';

/**
 * A bulk award (a CSV of e-mails): worked through in chunks in the background, so that it shows
 * progress, survives a restart (pending items are picked up again) and never awards twice (each item
 * issues under the same award key as any other path).
 */
export const awardBatches = pgTable('award_batches', {
	id: id(),
	cityId: cityIdColumn(),
	organisationId: organisationIdColumn(),
	activityId: activityIdColumn(),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	/** Award again to people who already hold the badge (a new credential per batch). */
	reaward: boolean('reaward').notNull().default(false),
	total: integer('total').notNull(),
	status: text('status').$type<AwardBatchStatus>().notNull().default('running'),
	createdAt: createdAt(),
	finishedAt: at('finished_at')
});

export const awardBatchItems = pgTable(
	'award_batch_items',
	{
		id: id(),
		batchId: uuid('batch_id')
			.notNull()
			.references(() => awardBatches.id, { onDelete: 'cascade' }),
		/** The line in the uploaded file, for messages people can find. */
		row: integer('row').notNull(),
		email: text('email').notNull(),
		name: text('name'),
		narrative: text('narrative'),
		status: text('status').$type<AwardBatchItemStatus>().notNull().default('pending'),
		credentialId: uuid('credential_id').references(() => credentials.id, { onDelete: 'set null' }),
		error: text('error'),
		/** When the recipient was told; a restart sends what is still untold. */
		notifiedAt: at('notified_at')
	},
	(table) => [uniqueIndex('award_batch_items_row_idx').on(table.batchId, table.row), index('award_batch_items_pending_idx').on(table.batchId, table.status)]
);

/**
 * A code (and its QR code) that gives an activity's badge to whoever enters it while it is valid: for
 * events where the organiser cannot list the participants. Claims are counted against an optional
 * maximum.
 */
export const claimCodes = pgTable(
	'claim_codes',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		activityId: activityIdColumn(),
		/** Eight characters without look-alikes (no 0/O, 1/I). */
		code: text('code').notNull(),
		validFrom: at('valid_from').notNull(),
		validUntil: at('valid_until').notNull(),
		maxClaims: integer('max_claims'),
		claimCount: integer('claim_count').notNull().default(0),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		disabledAt: at('disabled_at')
	},
	(table) => [uniqueIndex('claim_codes_code_idx').on(table.code), index('claim_codes_activity_idx').on(table.activityId)]
);

export type EvidenceStatus = 'submitted' | 'changes_requested' | 'approved' | 'rejected';

/**
 * What a learner hands in to earn the badge (text, a link, a file), and the organiser's decision on
 * it. Each submission is kept: after "changes requested" the learner sends a new one.
 */
export const evidenceSubmissions = pgTable(
	'evidence_submissions',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		activityId: activityIdColumn(),
		enrolmentId: uuid('enrolment_id')
			.notNull()
			.references(() => enrolments.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		text: text('text'),
		link: text('link'),
		/** Under FILES_DIR/evidence; served only to the learner and the organisation. */
		fileKey: text('file_key'),
		fileName: text('file_name'),
		fileType: text('file_type'),
		fileSize: integer('file_size'),
		status: text('status').$type<EvidenceStatus>().notNull().default('submitted'),
		reviewComment: text('review_comment'),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedAt: at('reviewed_at'),
		credentialId: uuid('credential_id').references(() => credentials.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('evidence_enrolment_idx').on(table.enrolmentId, table.createdAt), index('evidence_activity_status_idx').on(table.activityId, table.status)]
);

/**
 * An organisation vouching for another's badge (an employer, a school): a signed Open Badges 3.0
 * EndorsementCredential about the badge, shown on its pages and carried in credentials issued after.
 */
export const endorsements = pgTable(
	'endorsements',
	{
		id: id(),
		cityId: cityIdColumn(),
		activityId: activityIdColumn(),
		endorserOrganisationId: uuid('endorser_organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		comment: text('comment').notNull(),
		document: jsonb('document').$type<Record<string, unknown>>().notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		withdrawnAt: at('withdrawn_at')
	},
	(table) => [uniqueIndex('endorsements_active_idx').on(table.activityId, table.endorserOrganisationId).where(sql`withdrawn_at is null`)]
);
