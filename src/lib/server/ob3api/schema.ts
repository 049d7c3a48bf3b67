import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from '../db/columns';
import { users } from '../accounts/schema';

/**
 * Apps (wallets, backpacks) registered through OAuth 2.0 dynamic client registration. Anyone may
 * register one; it reaches nobody's data until a learner consents. The secret is kept as a SHA-256
 * hash: it is high-entropy, so a slow hash would add nothing.
 */
export const ob3Clients = pgTable('ob3_clients', {
	id: id(),
	secretHash: text('secret_hash').notNull(),
	name: text('name').notNull(),
	clientUri: text('client_uri'),
	logoUri: text('logo_uri'),
	tosUri: text('tos_uri'),
	policyUri: text('policy_uri'),
	softwareId: text('software_id'),
	softwareVersion: text('software_version'),
	redirectUris: text('redirect_uris').array().notNull(),
	scopes: text('scopes').array().notNull(),
	tokenEndpointAuthMethod: text('token_endpoint_auth_method').notNull(),
	createdAt: createdAt()
});

/**
 * A learner's consent for one app: the scopes they approved and since when. Revoking access deletes
 * it, and with it every code and token issued under it.
 */
export const ob3Connections = pgTable(
	'ob3_connections',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		clientId: uuid('client_id')
			.notNull()
			.references(() => ob3Clients.id, { onDelete: 'cascade' }),
		scopes: text('scopes').array().notNull(),
		createdAt: createdAt(),
		lastUsedAt: at('last_used_at')
	},
	(table) => [uniqueIndex('ob3_connections_user_client_idx').on(table.userId, table.clientId)]
);

/** One-time authorization codes (hashed), bound to the redirect URI and the PKCE challenge. */
export const ob3AuthorizationCodes = pgTable(
	'ob3_authorization_codes',
	{
		codeHash: text('code_hash').primaryKey(),
		connectionId: uuid('connection_id')
			.notNull()
			.references(() => ob3Connections.id, { onDelete: 'cascade' }),
		clientId: uuid('client_id').notNull(),
		redirectUri: text('redirect_uri').notNull(),
		scopes: text('scopes').array().notNull(),
		codeChallenge: text('code_challenge').notNull(),
		expiresAt: at('expires_at').notNull(),
		/** Set when exchanged: a second use is refused and revokes what the first one gave. */
		usedAt: at('used_at'),
		createdAt: createdAt()
	},
	(table) => [index('ob3_codes_connection_idx').on(table.connectionId)]
);

/**
 * Access and refresh tokens, stored as hashes. A `family` is what one code exchange started; refreshing
 * replaces the refresh token within it, and revoking a refresh token ends the whole family.
 */
export const ob3Tokens = pgTable(
	'ob3_tokens',
	{
		id: id(),
		tokenHash: text('token_hash').notNull(),
		kind: text('kind').$type<'access' | 'refresh'>().notNull(),
		connectionId: uuid('connection_id')
			.notNull()
			.references(() => ob3Connections.id, { onDelete: 'cascade' }),
		clientId: uuid('client_id').notNull(),
		family: uuid('family').notNull(),
		scopes: text('scopes').array().notNull(),
		expiresAt: at('expires_at').notNull(),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('ob3_tokens_hash_idx').on(table.tokenHash), index('ob3_tokens_connection_idx').on(table.connectionId), index('ob3_tokens_family_idx').on(table.family)]
);
