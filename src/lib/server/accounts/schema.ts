import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../db/columns';

/**
 * People. better-auth reads and writes users, auth_sessions, auth_accounts and auth_verifications
 * through its Drizzle adapter: the property names of these four tables are the ones it expects.
 */
export const users = pgTable('users', {
	id: id(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	/** Preferred interface language; null means "follow the city or the browser". */
	locale: text('locale'),
	isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});

export const authSessions = pgTable(
	'auth_sessions',
	{
		id: id(),
		token: text('token').notNull().unique(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: at('expires_at').notNull(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [index('auth_sessions_user_idx').on(table.userId)]
);

export const authAccounts = pgTable(
	'auth_accounts',
	{
		id: id(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: at('access_token_expires_at'),
		refreshTokenExpiresAt: at('refresh_token_expires_at'),
		scope: text('scope'),
		password: text('password'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [index('auth_accounts_user_idx').on(table.userId)]
);

export const authVerifications = pgTable(
	'auth_verifications',
	{
		id: id(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: at('expires_at').notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [index('auth_verifications_identifier_idx').on(table.identifier)]
);

/** Personal API tokens: long-lived Bearer tokens for apps. Only a SHA-256 of the token is kept. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		/** The first characters of the token, shown so that people can tell their tokens apart. */
		prefix: text('prefix').notNull(),
		expiresAt: at('expires_at'),
		lastUsedAt: at('last_used_at'),
		createdAt: createdAt()
	},
	(table) => [index('api_tokens_user_idx').on(table.userId)]
);
