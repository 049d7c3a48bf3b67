/**
 * A wallet connected to a learner's account uses the Open Badges API: reads their credentials page
 * by page, pushes one in, reads and updates their profile, refreshes its token, and loses access when
 * the learner revokes it. Errors come as Imsx_StatusInfo documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';
import { SCOPE, testWallet, type RegisteredClient } from '../../../../tests/support/ob3-wallet';

let platform: Platform;
let wallet: ReturnType<typeof testWallet>;
let client: RegisteredClient;
let learner: ApiClient & { email: string };
const credentialUrls: string[] = [];

beforeAll(async () => {
	platform = await startPlatform({ RATE_LIMIT_OAUTH_REGISTER: '1000/60', RATE_LIMIT_OAUTH_TOKEN: '1000/60' });
	wallet = testWallet(platform.server.url);
	client = (await wallet.register()).body;
	learner = await signUp(platform, 'holder');
	const { owner, organisation } = await approvedOrganisation(platform);
	for (const name of ['First aid', 'Public speaking']) {
		const activity = await publishedActivity(owner, organisation.id, { badge: { name: { en: name }, description: { en: name }, criteria: { en: name } } });
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		credentialUrls.push((await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential.url);
	}
});
afterAll(() => platform?.server.stop());

const statusInfoOf = (body: { imsx_codeMajor: string; imsx_severity: string; imsx_codeMinor: { imsx_codeMinorField: { imsx_codeMinorFieldValue: string }[] } }) => ({
	major: body.imsx_codeMajor,
	severity: body.imsx_severity,
	minor: body.imsx_codeMinor.imsx_codeMinorField[0]!.imsx_codeMinorFieldValue
});

describe('the resource endpoints', () => {
	it('answer 401 without a valid token, 403 without the scope, in the Imsx_StatusInfo shape', async () => {
		const anonymous = await wallet.call('GET', '/credentials', undefined);
		expect(anonymous.status).toBe(401);
		expect(statusInfoOf(anonymous.body)).toEqual({ major: 'failure', severity: 'error', minor: 'unauthorizedrequest' });
		expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
		expect((await wallet.call('GET', '/profile', 'col_ob3a_made-up')).status).toBe(401);
		// A session token of the platform is no Open Badges API token, and the API's tokens sign no one in.
		expect((await wallet.call('GET', '/credentials', learner.token)).status).toBe(401);
		const readOnly = await wallet.connect(client, learner, SCOPE.read);
		expect((await platform.anonymous.as(readOnly.access_token).get('/api/v1/me')).status).toBe(401);
		const push = await wallet.call('POST', '/credentials', readOnly.access_token, '{}');
		expect(push.status).toBe(403);
		expect(statusInfoOf(push.body).minor).toBe('forbidden');
		expect((await wallet.call('PUT', '/profile', readOnly.access_token, '{"name":"X"}')).status).toBe(403);
	});

	it('answer 405 and 404 in the same shape, and allow calls from other origins', async () => {
		const tokens = await wallet.connect(client, learner);
		const wrongMethod = await wallet.call('DELETE', '/credentials', tokens.access_token);
		expect(wrongMethod.status).toBe(405);
		expect(statusInfoOf(wrongMethod.body).minor).toBe('not_allowed');
		const missing = await wallet.call('GET', '/nothing-here', tokens.access_token);
		expect(missing.status).toBe(404);
		expect(statusInfoOf(missing.body).minor).toBe('not_found');
		const preflight = await fetch(`${wallet.base}/credentials`, { method: 'OPTIONS', headers: { origin: 'https://wallet.example.org', 'access-control-request-method': 'POST' } });
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
		expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
		expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
		const read = await wallet.call('GET', '/credentials', tokens.access_token);
		expect(read.headers.get('access-control-allow-origin')).toBe('*');
		expect(read.headers.get('access-control-expose-headers')).toContain('X-Total-Count');
		expect((await wallet.call('GET', '/credentials?limit=0', tokens.access_token)).status).toBe(400);
		expect((await wallet.call('GET', '/credentials?since=yesterday', tokens.access_token)).status).toBe(400);
	});
});

describe('a wallet, from connection to revocation', () => {
	it('reads, pushes, updates the profile, refreshes and is cut off', async () => {
		let tokens = await wallet.connect(client, learner);
		expect(tokens.scope.split(' ')).toHaveLength(4);

		// Two credentials issued here, one page at a time.
		const page1 = await wallet.call('GET', '/credentials?limit=1', tokens.access_token);
		expect(page1.status).toBe(200);
		expect(page1.headers.get('x-total-count')).toBe('2');
		expect(page1.body.credential).toHaveLength(1);
		expect(page1.body.compactJwsString).toEqual([]);
		const links = page1.headers.get('link')!;
		expect(links).toContain(`<${wallet.base}/credentials?limit=1&offset=1>; rel="next"`);
		expect(links).toContain(`<${wallet.base}/credentials?limit=1&offset=1>; rel="last"`);
		expect(links).toContain(`<${wallet.base}/credentials?limit=1&offset=0>; rel="first"`);
		expect(links).not.toContain('rel="prev"');
		const page2 = await wallet.call('GET', '/credentials?limit=1&offset=1', tokens.access_token);
		expect(page2.headers.get('link')).toContain('rel="prev"');
		expect(page2.headers.get('link')).not.toContain('rel="next"');
		const ids = [...page1.body.credential, ...page2.body.credential].map((c: { id: string }) => c.id).sort();
		expect(ids).toEqual([...credentialUrls].sort());
		expect(page1.body.credential[0].proof).toBeDefined();
		const later = await wallet.call('GET', `/credentials?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, tokens.access_token);
		expect(later.body.credential).toEqual([]);
		expect(later.headers.get('x-total-count')).toBe('0');

		// A wallet pushes a credential (another learner's badge, as a VC-JWT): 201, then 200 the second time.
		const jwt = await (await fetch(`${credentialUrls[0]!}.jwt`)).text();
		const json = await (await fetch(`${credentialUrls[1]!}.json`)).json();
		const tampered = await wallet.call('POST', '/credentials', tokens.access_token, JSON.stringify({ ...json, name: 'Forged' }));
		expect(tampered.status).toBe(400);
		expect(statusInfoOf(tampered.body).minor).toBe('invalid_data');
		expect((await wallet.call('POST', '/credentials', tokens.access_token, 'not a jws', 'text/plain')).status).toBe(400);
		expect((await wallet.call('POST', '/credentials', tokens.access_token, '[1,2]')).status).toBe(400);
		const pushed = await wallet.call('POST', '/credentials', tokens.access_token, jwt, 'text/plain');
		expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
		expect(pushed.headers.get('content-type')).toContain('text/plain');
		expect(pushed.body).toBe(jwt);
		expect((await wallet.call('POST', '/credentials', tokens.access_token, jwt, 'text/plain')).status).toBe(200);
		// It is in the learner's wallet, and listed once (it is also a credential issued here).
		expect((await learner.get('/api/v1/me/imported-credentials')).body.items).toHaveLength(1);
		expect((await wallet.call('GET', '/credentials', tokens.access_token)).headers.get('x-total-count')).toBe('2');

		// The learner's own import from elsewhere shows up too (here: a credential of another learner).
		const other = await signUp(platform, 'other');
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id);
		const joined = await other.post(`/api/v1/activities/${activity.id}/enrolments`);
		const foreign = (await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential.url;
		const foreignJwt = await (await fetch(`${foreign}.jwt`)).text();
		expect((await learner.post('/api/v1/me/imported-credentials', { credential: foreignJwt })).status).toBe(201);
		const all = await wallet.call('GET', '/credentials?limit=10', tokens.access_token);
		expect(all.headers.get('x-total-count')).toBe('3');
		expect(all.body.compactJwsString).toEqual([foreignJwt]);
		expect(all.body.credential).toHaveLength(2);

		// Another learner's token sees their own wallet, not this one.
		const theirs = await wallet.connect(client, other);
		const otherList = await wallet.call('GET', '/credentials', theirs.access_token);
		expect(otherList.headers.get('x-total-count')).toBe('1');
		expect(otherList.body.credential[0].id).toBe(foreign);

		// The profile: read, rename; the e-mail address is not changed through the API.
		const profile = await wallet.call('GET', '/profile', tokens.access_token);
		expect(profile.status).toBe(200);
		expect(profile.body).toMatchObject({ type: ['Profile'], name: 'Test holder', email: learner.email });
		expect(profile.body.id).toMatch(/^urn:uuid:/);
		const renamed = await wallet.call('PUT', '/profile', tokens.access_token, JSON.stringify({ ...profile.body, name: 'Ada Holder' }));
		expect(renamed.status).toBe(200);
		expect(renamed.body.name).toBe('Ada Holder');
		expect((await learner.get('/api/v1/me')).body.name).toBe('Ada Holder');
		const newEmail = await wallet.call('PUT', '/profile', tokens.access_token, JSON.stringify({ ...profile.body, email: 'thief@example.org' }));
		expect(newEmail.status).toBe(400);
		expect(statusInfoOf(newEmail.body).minor).toBe('invalid_data');
		expect((await wallet.call('PUT', '/profile', tokens.access_token, JSON.stringify({ type: ['Profile'] }))).status).toBe(400);
		expect((await wallet.call('PUT', '/profile', tokens.access_token, '{oops')).status).toBe(400);
		expect((await learner.get('/api/v1/me')).body.email).toBe(learner.email);

		// Refresh, then the learner revokes the app on the connected-apps page.
		const refreshed = await wallet.token(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(refreshed.status).toBe(200);
		tokens = refreshed.body;
		expect((await wallet.call('GET', '/profile', tokens.access_token)).status).toBe(200);
		const page = await fetch(`${platform.server.url}/account/connected-apps`, { headers: { authorization: `Bearer ${learner.token}` } });
		const html = await page.text();
		expect(html).toContain('Pocket Wallet');
		const connectionId = /name="id" value="([0-9a-f-]{36})"/.exec(html)![1]!;
		const revoked = await fetch(`${platform.server.url}/account/connected-apps?/revoke`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: platform.server.url, authorization: `Bearer ${learner.token}` },
			body: new URLSearchParams({ id: connectionId })
		});
		expect(revoked.status).toBe(200);
		expect((await wallet.call('GET', '/credentials', tokens.access_token)).status).toBe(401);
		expect((await wallet.token(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe('invalid_grant');
		expect(await (await fetch(`${platform.server.url}/account/connected-apps`, { headers: { authorization: `Bearer ${learner.token}` } })).text()).not.toContain('Pocket Wallet');
		// The other learner's connection is theirs alone and still works.
		expect((await wallet.call('GET', '/credentials', theirs.access_token)).status).toBe(200);
	});
});
