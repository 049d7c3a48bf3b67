import type { Config } from '../config/config';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS, SCOPES } from './scopes';

/**
 * The Service Description Document (specification section 6.3): an OpenAPI document that tells an
 * app where to register, authorize and get tokens, and which scopes exist. The operations are listed
 * briefly; the specification's own OpenAPI file has their full schemas.
 */
export function serviceDescription(config: Pick<Config, 'publicUrl' | 'oauth'>) {
	const base = `${config.publicUrl}/ims/ob/v3p0`;
	const secured = (scope: string) => [{ OAuth2ACG: [scope] }];
	const statusInfo = { description: 'An Imsx_StatusInfo document explaining the error.' };
	return {
		openapi: '3.0.1',
		info: {
			title: 'Cities of Learning: Open Badges API',
			description: 'Learners connect wallets and backpacks to their badges here, with their consent.',
			version: '3.0',
			termsOfService: config.oauth.termsOfServiceUrl,
			'x-imssf-privacyPolicyUrl': config.oauth.privacyPolicyUrl
		},
		servers: [{ url: base, description: 'Open Badges 3.0 API' }],
		tags: [{ name: 'OpenBadgeCredentials' }, { name: 'Discovery' }],
		paths: {
			'/credentials': {
				get: { tags: ['OpenBadgeCredentials'], operationId: 'getCredentials', security: secured(SCOPES.credentialRead), responses: { '200': { description: 'The credentials, one page (X-Total-Count and Link headers).' }, default: statusInfo } },
				post: { tags: ['OpenBadgeCredentials'], operationId: 'upsertCredential', security: secured(SCOPES.credentialUpsert), responses: { '200': { description: 'Replaced.' }, '201': { description: 'Created.' }, default: statusInfo } }
			},
			'/profile': {
				get: { tags: ['OpenBadgeCredentials'], operationId: 'getProfile', security: secured(SCOPES.profileRead), responses: { '200': { description: 'The profile.' }, default: statusInfo } },
				put: { tags: ['OpenBadgeCredentials'], operationId: 'putProfile', security: secured(SCOPES.profileUpdate), responses: { '200': { description: 'The updated profile.' }, default: statusInfo } }
			},
			'/discovery': { get: { tags: ['Discovery'], operationId: 'getServiceDescription', responses: { '200': { description: 'This document.' }, default: statusInfo } } }
		},
		components: {
			securitySchemes: {
				OAuth2ACG: {
					type: 'oauth2',
					description: 'OAuth 2.0 Authorization Code Grant with PKCE (S256)',
					'x-imssf-name': 'Cities of Learning',
					'x-imssf-privacyPolicyUrl': config.oauth.privacyPolicyUrl,
					'x-imssf-termsOfServiceUrl': config.oauth.termsOfServiceUrl,
					'x-imssf-registrationUrl': `${base}/auth/register`,
					flows: {
						authorizationCode: {
							authorizationUrl: `${base}/auth/authorize`,
							tokenUrl: `${base}/auth/token`,
							refreshUrl: `${base}/auth/token`,
							scopes: Object.fromEntries(ALL_SCOPES.map((scope) => [scope, SCOPE_DESCRIPTIONS[scope]]))
						}
					}
				}
			}
		}
	};
}

/** Authorization server metadata (RFC 8414), for OAuth libraries that discover endpoints this way. */
export function authorizationServerMetadata(config: Pick<Config, 'publicUrl'>) {
	const base = `${config.publicUrl}/ims/ob/v3p0`;
	return {
		issuer: config.publicUrl,
		authorization_endpoint: `${base}/auth/authorize`,
		token_endpoint: `${base}/auth/token`,
		registration_endpoint: `${base}/auth/register`,
		revocation_endpoint: `${base}/auth/revoke`,
		scopes_supported: ALL_SCOPES,
		response_types_supported: ['code'],
		grant_types_supported: ['authorization_code', 'refresh_token'],
		token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
		revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
		code_challenge_methods_supported: ['S256']
	};
}
