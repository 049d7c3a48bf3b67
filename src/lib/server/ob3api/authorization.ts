import { hashSecret, newSecret } from '../shared/secrets';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { findClient, type ClientRow } from './registration';
import { includesAll, parseScopeParameter, type Scope } from './scopes';
import { ob3AuthorizationCodes, ob3Connections } from './schema';
import { OB3_TOKEN_PREFIX } from './prefixes';

/**
 * The authorization endpoint (RFC 6749 section 4.1 with PKCE, RFC 7636): the request is checked, a
 * signed-in learner approves or denies it on the consent page, and the browser goes back to the app
 * with a one-time code or `error=access_denied`.
 */
export interface AuthorizeRequest {
	client: ClientRow;
	redirectUri: string;
	scopes: Scope[];
	state: string | undefined;
	codeChallenge: string;
}

export type AuthorizeCheck =
	/** The app cannot be trusted with a redirect (unknown client, unregistered URI): the page explains. */
	| { kind: 'refuse'; reason: 'unknown_client' | 'bad_redirect_uri' }
	/** The app is known but asked wrongly: it hears so at its redirect URI (section 4.1.2.1). */
	| { kind: 'redirect'; location: string }
	| { kind: 'ok'; request: AuthorizeRequest };

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;
export const CODE_PREFIX = `${OB3_TOKEN_PREFIX}c_`;

export async function checkAuthorizeRequest(db: AppContext['db'], params: URLSearchParams): Promise<AuthorizeCheck> {
	const client = await findClient(db, params.get('client_id') ?? '');
	if (!client) return { kind: 'refuse', reason: 'unknown_client' };
	const given = params.get('redirect_uri');
	// Exact string match: no prefix or pattern matching, which has let codes leak elsewhere.
	const redirectUri = given ?? (client.redirectUris.length === 1 ? client.redirectUris[0]! : undefined);
	if (!redirectUri || !client.redirectUris.includes(redirectUri)) return { kind: 'refuse', reason: 'bad_redirect_uri' };

	const state = params.get('state') ?? undefined;
	const fail = (error: string, description: string): AuthorizeCheck => ({ kind: 'redirect', location: redirectWith(redirectUri, { error, error_description: description, state }) });
	if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
	const challenge = params.get('code_challenge') ?? '';
	if (params.get('code_challenge_method') !== 'S256' || !PKCE_CHALLENGE.test(challenge)) {
		return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
	}
	const requested = params.get('scope');
	const scopes = requested === null || requested.trim() === '' ? (client.scopes as Scope[]) : parseScopeParameter(requested);
	if (!scopes || scopes.length === 0 || !includesAll(client.scopes, scopes)) return fail('invalid_scope', 'The scope asks for more than this client registered, or for unknown scopes.');
	return { kind: 'ok', request: { client, redirectUri, scopes, state, codeChallenge: challenge } };
}

/** The learner said yes: their connection to the app records the scopes, and a code goes back. */
export async function approveAuthorization(app: Pick<AppContext, 'db' | 'config' | 'now'>, actor: Actor, request: AuthorizeRequest): Promise<string> {
	const user = requireUser(actor);
	authorize(actor, 'wallet.connectApp');
	const code = newSecret(CODE_PREFIX);
	const now = app.now();
	await app.db.transaction(async (tx) => {
		// Approving again widens the connection to the union of what was ever approved.
		const [connection] = await tx
			.insert(ob3Connections)
			.values({ userId: user.user.id, clientId: request.client.id, scopes: request.scopes, createdAt: now })
			.onConflictDoUpdate({
				target: [ob3Connections.userId, ob3Connections.clientId],
				set: { scopes: sql`array(select distinct unnest(${ob3Connections.scopes} || excluded.scopes) order by 1)` }
			})
			.returning({ id: ob3Connections.id });
		await tx.insert(ob3AuthorizationCodes).values({
			codeHash: hashSecret(code),
			connectionId: connection!.id,
			clientId: request.client.id,
			redirectUri: request.redirectUri,
			scopes: request.scopes,
			codeChallenge: request.codeChallenge,
			expiresAt: new Date(now.getTime() + app.config.oauth.codeSeconds * 1000),
			createdAt: now
		});
	});
	return redirectWith(request.redirectUri, { code, state: request.state });
}

export function denyAuthorization(request: AuthorizeRequest): string {
	return redirectWith(request.redirectUri, { error: 'access_denied', error_description: 'The person declined to connect this app.', state: request.state });
}

/** The redirect URI with parameters added to its own query (which is kept). */
function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
	const url = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
	return url.toString();
}
