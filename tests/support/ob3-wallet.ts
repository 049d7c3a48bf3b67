/**
 * A wallet app as the Open Badges API sees one: it registers itself, sends a learner to the consent
 * page, exchanges the code with PKCE and calls the API with its tokens. The learner's side (the
 * consent form) is played with their session token, as their browser would post it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApiClient } from './api';

export const SCOPE = {
	read: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly',
	upsert: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert',
	profileRead: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly',
	profileUpdate: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update'
};
export const ALL_SCOPES = Object.values(SCOPE);
export const REDIRECT_URI = 'https://wallet.example.org/callback';

export interface RegisteredClient {
	client_id: string;
	client_secret: string;
	redirect_uris: string[];
	scope: string;
}

export function pkcePair() {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function testWallet(serverUrl: string) {
	const base = `${serverUrl}/ims/ob/v3p0`;
	const formPost = (path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
		fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(params), redirect: 'manual' });
	const readJson = async (response: Response) => ({ status: response.status, headers: response.headers, body: response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text() });

	return {
		base,
		async register(overrides: Record<string, unknown> = {}) {
			const response = await fetch(`${base}/auth/register`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					client_name: 'Pocket Wallet',
					client_uri: 'https://wallet.example.org',
					logo_uri: 'https://wallet.example.org/logo.png',
					tos_uri: 'https://wallet.example.org/terms',
					policy_uri: 'https://wallet.example.org/privacy',
					software_id: 'pocket-wallet',
					software_version: '1.0',
					redirect_uris: [REDIRECT_URI, 'http://localhost:8080/cb'],
					scope: ALL_SCOPES.join(' '),
					...overrides
				})
			});
			return readJson(response);
		},
		authorizeUrl(client: Pick<RegisteredClient, 'client_id'>, params: Record<string, string | undefined>) {
			const query = new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, state: 'xyz-state' });
			for (const [name, value] of Object.entries(params)) value === undefined ? query.delete(name) : query.set(name, value);
			return `${base}/auth/authorize?${query}`;
		},
		/** The learner answers the consent form; returns where their browser is sent. */
		async consent(learner: ApiClient, authorizeUrl: string, decision: 'approve' | 'deny' = 'approve', origin = serverUrl) {
			const response = await fetch(authorizeUrl, {
				method: 'POST',
				// As a browser posts a form natively (SvelteKit answers JSON to an Accept of */*).
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin, authorization: `Bearer ${learner.token}` },
				body: new URLSearchParams({ decision }),
				redirect: 'manual'
			});
			return { status: response.status, location: response.headers.get('location') ? new URL(response.headers.get('location')!) : undefined };
		},
		async token(client: RegisteredClient, params: Record<string, string>, auth: 'basic' | 'post' = 'basic') {
			const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64')}`;
			const response =
				auth === 'basic'
					? await formPost('/auth/token', params, { authorization: basic })
					: await formPost('/auth/token', { ...params, client_id: client.client_id, client_secret: client.client_secret });
			return readJson(response);
		},
		async revoke(client: RegisteredClient, token: string) {
			const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
			return readJson(await formPost('/auth/revoke', { token }, { authorization: basic }));
		},
		async call(method: string, path: string, accessToken: string | undefined, body?: string, contentType = 'application/json') {
			const response = await fetch(base + path, {
				method,
				headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}), accept: 'application/json' },
				body
			});
			return readJson(response);
		},
		/** The whole dance for a learner: consent, then the code for tokens. */
		async connect(client: RegisteredClient, learner: ApiClient, scope = ALL_SCOPES.join(' ')) {
			const { verifier, challenge } = pkcePair();
			const consent = await this.consent(learner, this.authorizeUrl(client, { scope, code_challenge: challenge, code_challenge_method: 'S256' }));
			const code = consent.location?.searchParams.get('code');
			if (!code) throw new Error(`No code: ${consent.status} ${consent.location}`);
			const tokens = await this.token(client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
			if (tokens.status !== 200) throw new Error(`No tokens: ${JSON.stringify(tokens.body)}`);
			return tokens.body as { access_token: string; refresh_token: string; scope: string; expires_in: number; token_type: string };
		}
	};
}
