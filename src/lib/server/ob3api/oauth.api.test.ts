/**
 * The Open Badges API's OAuth 2.0 server, played by a wallet over HTTP: discovery, dynamic client
 * registration, the consent page, the code exchange with PKCE, refresh with rotation, revocation, and
 * what each step refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';
import { ALL_SCOPES, pkcePair, REDIRECT_URI, SCOPE, testWallet, type RegisteredClient } from '../../../../tests/support/ob3-wallet';

let platform: Platform;
let wallet: ReturnType<typeof testWallet>;
let client: RegisteredClient;
let learner: ApiClient;

beforeAll(async () => {
	// Codes live two seconds here, so that one can be seen to expire.
	platform = await startPlatform({ OAUTH_CODE_SECONDS: '2', RATE_LIMIT_OAUTH_REGISTER: '1000/60', RATE_LIMIT_OAUTH_TOKEN: '1000/60' });
	wallet = testWallet(platform.server.url);
	client = (await wallet.register()).body;
	learner = await signUp(platform, 'holder');
});
afterAll(() => platform?.server.stop());

/** A fresh code for the learner, with its verifier. */
async function codeFor(who: ApiClient, scope = ALL_SCOPES.join(' ')) {
	const { verifier, challenge } = pkcePair();
	const consent = await wallet.consent(who, wallet.authorizeUrl(client, { scope, code_challenge: challenge, code_challenge_method: 'S256' }));
	return { code: consent.location!.searchParams.get('code')!, verifier };
}

describe('GET /ims/ob/v3p0/discovery', () => {
	it('describes the service, its OAuth endpoints and the four scopes, to anyone', async () => {
		const response = await fetch(`${wallet.base}/discovery`);
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		const document = await response.json();
		expect(document.info).toMatchObject({ version: '3.0', termsOfService: `${platform.server.url}/`, 'x-imssf-privacyPolicyUrl': `${platform.server.url}/` });
		expect(document.servers[0].url).toBe(wallet.base);
		const scheme = document.components.securitySchemes.OAuth2ACG;
		expect(scheme).toMatchObject({ type: 'oauth2', 'x-imssf-registrationUrl': `${wallet.base}/auth/register` });
		expect(scheme.flows.authorizationCode).toMatchObject({ authorizationUrl: `${wallet.base}/auth/authorize`, tokenUrl: `${wallet.base}/auth/token`, refreshUrl: `${wallet.base}/auth/token` });
		expect(Object.keys(scheme.flows.authorizationCode.scopes).sort()).toEqual([...ALL_SCOPES].sort());
		const metadata = await (await fetch(`${platform.server.url}/.well-known/oauth-authorization-server`)).json();
		expect(metadata).toMatchObject({ revocation_endpoint: `${wallet.base}/auth/revoke`, code_challenge_methods_supported: ['S256'] });
	});
});

describe('POST /ims/ob/v3p0/auth/register', () => {
	it('refuses unsafe redirect URIs, unknown scopes and missing names', async () => {
		expect((await wallet.register({ redirect_uris: ['http://wallet.example.org/cb'] })).body.error).toBe('invalid_redirect_uri');
		expect((await wallet.register({ redirect_uris: ['https://wallet.example.org/cb#frag'] })).body.error).toBe('invalid_redirect_uri');
		expect((await wallet.register({ redirect_uris: [] })).body.error).toBe('invalid_redirect_uri');
		const scope = await wallet.register({ scope: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/everything' });
		expect(scope.status).toBe(400);
		expect(scope.body.error).toBe('invalid_client_metadata');
		expect((await wallet.register({ client_name: '' })).body.error).toBe('invalid_client_metadata');
	});

	it('registers a client with a secret shown once', () => {
		expect(client).toMatchObject({ client_name: 'Pocket Wallet', redirect_uris: [REDIRECT_URI, 'http://localhost:8080/cb'], token_endpoint_auth_method: 'client_secret_basic', client_secret_expires_at: 0 });
		expect(client.client_secret).toMatch(/^col_ob3s_/);
		expect(client.scope.split(' ').sort()).toEqual([...ALL_SCOPES].sort());
	});
});

describe('GET /ims/ob/v3p0/auth/authorize (the consent page)', () => {
	const { challenge } = pkcePair();
	const valid = () => wallet.authorizeUrl(client, { scope: SCOPE.read, code_challenge: challenge, code_challenge_method: 'S256' });

	it('sends a visitor to sign in first, and back to the same request', async () => {
		const response = await fetch(valid(), { redirect: 'manual' });
		expect(response.status).toBe(303);
		const next = new URL(response.headers.get('location')!, platform.server.url);
		expect(next.pathname).toBe('/login');
		expect(next.searchParams.get('next')).toBe(new URL(valid()).pathname + new URL(valid()).search);
	});

	it('names the app and what it may do', async () => {
		const page = await fetch(valid(), { headers: { authorization: `Bearer ${learner.token}`, 'accept-language': 'nl' } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Pocket Wallet');
		expect(html).toContain('Je badges bekijken');
		expect(html).toContain('wallet.example.org');
	});

	it('explains, without redirecting, an unknown client or an unregistered redirect URI', async () => {
		for (const url of [wallet.authorizeUrl({ client_id: '00000000-0000-4000-8000-000000000000' }, { code_challenge: challenge, code_challenge_method: 'S256' }), wallet.authorizeUrl(client, { redirect_uri: 'https://evil.example.org/cb', code_challenge: challenge, code_challenge_method: 'S256' })]) {
			const response = await fetch(url, { headers: { authorization: `Bearer ${learner.token}` }, redirect: 'manual' });
			expect(response.status, url).toBe(200);
			expect(await response.text()).toContain('This app cannot be connected');
			const posted = await wallet.consent(learner, url);
			expect(posted.status).toBe(400);
			expect(posted.location).toBeUndefined();
		}
	});

	it('sends a request without PKCE, or asking more than was registered, back to the app with an error', async () => {
		const narrow: RegisteredClient = (await wallet.register({ scope: SCOPE.read })).body;
		const cases: [string, string][] = [
			[wallet.authorizeUrl(client, { scope: SCOPE.read }), 'invalid_request'],
			[wallet.authorizeUrl(client, { scope: SCOPE.read, code_challenge: challenge, code_challenge_method: 'plain' }), 'invalid_request'],
			[wallet.authorizeUrl(narrow, { scope: SCOPE.profileUpdate, code_challenge: challenge, code_challenge_method: 'S256' }), 'invalid_scope'],
			[wallet.authorizeUrl(client, { response_type: 'token', code_challenge: challenge, code_challenge_method: 'S256' }), 'unsupported_response_type']
		];
		for (const [url, error] of cases) {
			const response = await fetch(url, { headers: { authorization: `Bearer ${learner.token}` }, redirect: 'manual' });
			expect(response.status, url).toBe(303);
			const location = new URL(response.headers.get('location')!);
			expect(location.origin + location.pathname).toBe(REDIRECT_URI);
			expect(location.searchParams.get('error')).toBe(error);
			expect(location.searchParams.get('state')).toBe('xyz-state');
		}
	});

	it('sends a denial back as access_denied, and refuses a consent posted from another site', async () => {
		const denied = await wallet.consent(learner, valid(), 'deny');
		expect(denied.status).toBe(303);
		expect(denied.location?.searchParams.get('error')).toBe('access_denied');
		expect(denied.location?.searchParams.get('code')).toBeNull();
		expect((await wallet.consent(learner, valid(), 'approve', 'https://evil.example.org')).status).toBe(403);
	});

	it('says so when the form names no decision, instead of showing the page again in silence', async () => {
		const page = await fetch(valid(), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: platform.server.url, authorization: `Bearer ${learner.token}` },
			body: new URLSearchParams({ decision: 'maybe' })
		});
		expect(page.status).toBe(400);
		expect(await page.text()).toContain('Choose one of the options.');
	});
});

describe('cross-site form posts', () => {
	it('are let through to the OAuth endpoints only; the platform’s pages still refuse them', async () => {
		const form = (path: string, origin?: string) =>
			fetch(platform.server.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) }, body: 'email=a%40b.org&password=x', redirect: 'manual' });
		expect((await form('/login')).status).toBe(403);
		expect((await form('/login', 'https://evil.example.org')).status).toBe(403);
		expect((await form('/account/connected-apps?/revoke', 'https://evil.example.org')).status).toBe(403);
		// Under /api the refusal is in the API's error shape.
		const api = await form('/api/v1/auth/login', 'https://evil.example.org');
		expect(api.status).toBe(403);
		expect((await api.json()).error).toMatchObject({ code: 'cross_site_request', message: expect.stringContaining('Cross-site') });
		// The token endpoint answers the app itself (here: no client authentication).
		expect((await form('/ims/ob/v3p0/auth/token', 'https://wallet.example.org')).status).toBe(401);
		// The consent page is a page, also under an encoded path the router decodes to it.
		for (const path of ['/ims/ob/v3p0/auth/authorize', '/ims/ob/v3p0/auth/%61uthorize']) {
			const refused = await form(path, 'https://evil.example.org');
			expect(refused.status, path).toBe(403);
			expect(refused.headers.get('x-request-id'), path).toBeTruthy();
		}
	});
});

describe('POST /ims/ob/v3p0/auth/token', () => {
	it('authenticates the client', async () => {
		const { code, verifier } = await codeFor(learner);
		const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
		const wrong = await wallet.token({ ...client, client_secret: 'col_ob3s_wrong' }, params);
		expect(wrong.status).toBe(401);
		expect(wrong.body.error).toBe('invalid_client');
		expect(wrong.headers.get('www-authenticate')).toContain('Basic');
		// Junk and oversized requests are the client's mistake (4xx), never a server error.
		const junkId = await fetch(`${wallet.base}/auth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${'-'.repeat(36)}:x`).toString('base64')}` },
			body: new URLSearchParams(params)
		});
		expect(junkId.status).toBe(401);
		const huge = await fetch(`${wallet.base}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=${'x'.repeat(64 * 1024)}` });
		expect(huge.status).toBe(400);
		expect((await huge.json()).error).toBe('invalid_request');
		const json = await fetch(`${wallet.base}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
		expect(json.status).toBe(400);
		expect((await json.json()).error).toBe('invalid_request');
		// The client's secret may also come in the form (client_secret_post).
		const posted = await wallet.token(client, params, 'post');
		expect(posted.status, JSON.stringify(posted.body)).toBe(200);
		expect(posted.headers.get('cache-control')).toBe('no-store');
	});

	it('refuses a wrong verifier, a wrong redirect URI, a reused code and an expired one', async () => {
		const wrongVerifier = await codeFor(learner);
		const refused = await wallet.token(client, { grant_type: 'authorization_code', code: wrongVerifier.code, redirect_uri: REDIRECT_URI, code_verifier: pkcePair().verifier });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toBe('invalid_grant');

		const wrongRedirect = await codeFor(learner);
		expect((await wallet.token(client, { grant_type: 'authorization_code', code: wrongRedirect.code, redirect_uri: 'http://localhost:8080/cb', code_verifier: wrongRedirect.verifier })).body.error).toBe('invalid_grant');

		const missingVerifier = await codeFor(learner);
		expect((await wallet.token(client, { grant_type: 'authorization_code', code: missingVerifier.code, redirect_uri: REDIRECT_URI })).body.error).toBe('invalid_request');

		const reused = await codeFor(learner);
		const params = { grant_type: 'authorization_code', code: reused.code, redirect_uri: REDIRECT_URI, code_verifier: reused.verifier };
		const first = await wallet.token(client, params);
		expect(first.status).toBe(200);
		expect((await wallet.call('GET', '/profile', first.body.access_token)).status).toBe(200);
		const second = await wallet.token(client, params);
		expect(second.body.error).toBe('invalid_grant');
		// A code used twice leaked: what it gave the first time stops working too.
		expect((await wallet.call('GET', '/profile', first.body.access_token)).status).toBe(401);

		const expired = await codeFor(learner);
		await new Promise((resolve) => setTimeout(resolve, 2500));
		const late = await wallet.token(client, { grant_type: 'authorization_code', code: expired.code, redirect_uri: REDIRECT_URI, code_verifier: expired.verifier });
		expect(late.status).toBe(400);
		expect(late.body.error).toBe('invalid_grant');
		expect(late.body.error_description).toContain('expired');
	});

	it('does not let another client redeem the code', async () => {
		const other: RegisteredClient = (await wallet.register({ client_name: 'Other' })).body;
		const { code, verifier } = await codeFor(learner);
		const stolen = await wallet.token(other, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
		expect(stolen.body.error).toBe('invalid_grant');
		expect((await wallet.token(client, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier })).status).toBe(200);
	});

	it('rotates refresh tokens and never widens their scope', async () => {
		const tokens = await wallet.connect(client, learner, `${SCOPE.read} ${SCOPE.profileRead}`);
		expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: `${SCOPE.read} ${SCOPE.profileRead}` });
		const wider = await wallet.token(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: `${SCOPE.read} ${SCOPE.upsert}` });
		expect(wider.body.error).toBe('invalid_scope');
		// The refused attempt leaves the token as it was.
		expect((await wallet.token(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
		const again = await wallet.connect(client, learner, `${SCOPE.read} ${SCOPE.profileRead}`);
		const narrowed = await wallet.token(client, { grant_type: 'refresh_token', refresh_token: again.refresh_token, scope: SCOPE.read });
		expect(narrowed.status).toBe(200);
		expect(narrowed.body.scope).toBe(SCOPE.read);
		expect(narrowed.body.refresh_token).not.toBe(again.refresh_token);
		expect((await wallet.token(client, { grant_type: 'refresh_token', refresh_token: again.refresh_token })).body.error).toBe('invalid_grant');
		expect((await wallet.call('GET', '/profile', narrowed.body.access_token)).status).toBe(403);
		expect((await wallet.token(client, { grant_type: 'password', username: 'x', password: 'y' })).body.error).toBe('unsupported_grant_type');
	});
});

describe('POST /ims/ob/v3p0/auth/revoke', () => {
	it('revokes a refresh token with its access tokens, and answers 200 for unknown tokens', async () => {
		const tokens = await wallet.connect(client, learner);
		expect((await wallet.call('GET', '/profile', tokens.access_token)).status).toBe(200);
		expect((await wallet.revoke(client, tokens.refresh_token)).status).toBe(200);
		expect((await wallet.call('GET', '/profile', tokens.access_token)).status).toBe(401);
		expect((await wallet.token(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe('invalid_grant');
		expect((await wallet.revoke(client, 'col_ob3a_unknown')).status).toBe(200);
		expect((await wallet.revoke({ ...client, client_secret: 'nope' }, tokens.access_token)).status).toBe(401);
	});
});
