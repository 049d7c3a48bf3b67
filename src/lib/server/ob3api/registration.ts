import { hashSecret, newSecret } from '../shared/secrets';
import { isUuid } from '../http/validation';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { OAuthError } from './http';
import { ALL_SCOPES, parseScopeParameter } from './scopes';
import { ob3Clients } from './schema';
import { OB3_TOKEN_PREFIX } from './prefixes';

/**
 * OAuth 2.0 dynamic client registration (RFC 7591), as the Open Badges API profiles it: a client
 * registers its name, links, redirect URIs and the scopes it may ask for, and receives a client id and
 * secret. Nothing is reachable with them until a learner consents.
 */
export const CLIENT_SECRET_PREFIX = `${OB3_TOKEN_PREFIX}s_`;

/** https, or plain http on the loopback interface for an app under development (RFC 8252 7.3). */
export function isAllowedRedirectUri(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (url.hash || url.username || url.password) return false;
	if (url.protocol === 'https:') return true;
	return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const link = z.string().max(2000).refine(isAllowedRedirectUri, 'must be an https URL');

const RegistrationRequest = z.object({
	client_name: z.string().trim().min(1).max(200),
	client_uri: link.optional(),
	logo_uri: link.optional(),
	tos_uri: link.optional(),
	policy_uri: link.optional(),
	software_id: z.string().max(200).optional(),
	software_version: z.string().max(100).optional(),
	contacts: z.array(z.string().max(320)).max(10).optional(),
	redirect_uris: z.array(z.string().max(2000)).min(1).max(10),
	scope: z.string().max(1000).optional(),
	grant_types: z.array(z.enum(['authorization_code', 'refresh_token'])).min(1).optional(),
	response_types: z.array(z.literal('code')).min(1).optional(),
	token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post']).optional()
});

export async function registerClient(db: Db, body: unknown, now: Date) {
	const parsed = RegistrationRequest.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = issue.path.join('.') || 'body';
		if (field.startsWith('redirect_uris')) throw new OAuthError('invalid_redirect_uri', `redirect_uris: ${issue.message}`);
		throw new OAuthError('invalid_client_metadata', `${field}: ${issue.message}`);
	}
	const request = parsed.data;
	const badRedirect = request.redirect_uris.find((uri) => !isAllowedRedirectUri(uri));
	if (badRedirect) throw new OAuthError('invalid_redirect_uri', `${badRedirect} is not allowed: redirect URIs must be https (or http on localhost), without a fragment.`);
	const scopes = request.scope === undefined ? ALL_SCOPES : parseScopeParameter(request.scope);
	if (!scopes || scopes.length === 0) throw new OAuthError('invalid_client_metadata', `scope: use the Open Badges scopes (${ALL_SCOPES.join(' ')}).`);

	const secret = newSecret(CLIENT_SECRET_PREFIX);
	const authMethod = request.token_endpoint_auth_method ?? 'client_secret_basic';
	const [client] = await db
		.insert(ob3Clients)
		.values({
			secretHash: hashSecret(secret),
			name: request.client_name,
			clientUri: request.client_uri ?? null,
			logoUri: request.logo_uri ?? null,
			tosUri: request.tos_uri ?? null,
			policyUri: request.policy_uri ?? null,
			softwareId: request.software_id ?? null,
			softwareVersion: request.software_version ?? null,
			redirectUris: request.redirect_uris,
			scopes,
			tokenEndpointAuthMethod: authMethod,
			createdAt: now
		})
		.returning();
	return {
		client_id: client!.id,
		client_secret: secret,
		client_id_issued_at: Math.floor(now.getTime() / 1000),
		client_secret_expires_at: 0,
		client_name: client!.name,
		...(request.client_uri ? { client_uri: request.client_uri } : {}),
		...(request.logo_uri ? { logo_uri: request.logo_uri } : {}),
		...(request.tos_uri ? { tos_uri: request.tos_uri } : {}),
		...(request.policy_uri ? { policy_uri: request.policy_uri } : {}),
		...(request.software_id ? { software_id: request.software_id } : {}),
		...(request.software_version ? { software_version: request.software_version } : {}),
		redirect_uris: client!.redirectUris,
		scope: scopes.join(' '),
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		token_endpoint_auth_method: authMethod
	};
}

export type ClientRow = typeof ob3Clients.$inferSelect;

export async function findClient(db: Db, clientId: string): Promise<ClientRow | undefined> {
	if (!isUuid(clientId)) return undefined;
	const [row] = await db.select().from(ob3Clients).where(eq(ob3Clients.id, clientId.toLowerCase()));
	return row;
}
