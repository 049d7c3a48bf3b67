import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../db/columns';
import { users } from '../accounts/schema';
import type { VerificationReport } from '../credentials/verify';

/** How a badge reached the wallet: pasted JSON, a VC-JWT, a baked image, a link, or a wallet's push. */
export const IMPORT_FORMATS = ['json', 'jwt', 'png', 'svg', 'url'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Badges a learner earned elsewhere and keeps in their wallet here: the credential as decoded (an Open
 * Badges 3.0 credential, or a 2.0 assertion), and what the verifier said when it came in. A learner
 * holds each credential once: `credential_key` is its id, or a hash of its JSON when it has none, so
 * importing it again updates the row.
 */
export const importedCredentials = pgTable(
	'imported_credentials',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		credentialKey: text('credential_key').notNull(),
		format: text('format').$type<ImportFormat>().notNull(),
		/** 3 for an Open Badges 3.0 credential, 2 for a 2.0 assertion. */
		specVersion: text('spec_version').$type<'2' | '3'>().notNull(),
		document: jsonb('document').$type<Record<string, unknown>>().notNull(),
		/** The VC-JWT it came in, kept as handed over: its signature is what proves it. */
		jwt: text('jwt'),
		verification: jsonb('verification').$type<VerificationReport>().notNull(),
		valid: boolean('valid').notNull(),
		issuerName: text('issuer_name'),
		achievementName: text('achievement_name'),
		issuedAt: at('issued_at'),
		sourceUrl: text('source_url'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [uniqueIndex('imported_credentials_key_idx').on(table.userId, table.credentialKey), index('imported_credentials_user_idx').on(table.userId, table.createdAt)]
);
