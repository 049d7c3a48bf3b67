import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { startServer } from '../../../../tests/support/server';
import { apiClient } from '../../../../tests/support/api';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform();
});
afterAll(() => platform?.server.stop());

describe('health and request ids', () => {
	it('answers /healthz', async () => {
		const res = await platform.anonymous.get('/healthz');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'ok' });
	});

	it('returns the request id it was given, or a new one, and logs it', async () => {
		const given = await platform.anonymous.request('GET', '/api/v1/organisations', undefined, { 'x-request-id': 'trace-12345678' });
		expect(given.headers.get('x-request-id')).toBe('trace-12345678');
		const fresh = await platform.anonymous.get('/api/v1/organisations');
		expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		// The server's log reaches the test through a pipe: wait for the line rather than race it.
		await expect.poll(() => platform.server.logs().some((line) => line.includes('"requestId":"trace-12345678"'))).toBe(true);
	});

	it('sends security headers', async () => {
		const res = await platform.anonymous.get('/');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('the response cache for public reads', () => {
	it('serves anonymous public reads from the cache and empties it on any write', async () => {
		const slug = `cache-${Date.now()}`;
		const created = await platform.admin.post('/api/v1/cities', { slug, name: 'Before', locales: ['en'], defaultLocale: 'en', timezone: 'UTC', center: { lat: 1, lon: 2 } });
		expect(created.status).toBe(201);
		const first = await platform.anonymous.get(`/api/v1/cities/${slug}`);
		expect(first.headers.get('cache-control')).toBe('public, max-age=5');
		const second = await platform.anonymous.get(`/api/v1/cities/${slug}`);
		expect(second.headers.get('x-cache')).toBe('hit');
		expect(second.body).toEqual(first.body);

		expect((await platform.admin.patch(`/api/v1/cities/${slug}`, { name: 'After' })).status).toBe(200);
		const after = await platform.anonymous.get(`/api/v1/cities/${slug}`);
		expect(after.headers.get('x-cache')).toBeNull();
		expect(after.body.name).toBe('After');
	});

	it('never caches private answers or answers to signed-in requests', async () => {
		const me = await platform.admin.get('/api/v1/me');
		expect(me.headers.get('cache-control')).toBe('no-store');
		await platform.admin.get('/api/v1/cities');
		expect((await platform.admin.get('/api/v1/cities')).headers.get('x-cache')).toBeNull();
	});
});

describe('the shared cache of anonymous activity pages', () => {
	it('keeps a visitor’s page per language, never a signed-in person’s, and drops it on a write', async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Cached kayaking', nl: 'Kajakken in de cache' } });
		const page = (headers: Record<string, string> = {}) => fetch(`${platform.server.url}/activities/${activity.id}`, { headers });
		const first = await page({ 'accept-language': 'nl' });
		expect(first.status).toBe(200);
		expect(first.headers.get('x-shared-cache')).toBeNull();
		expect(first.headers.get('cache-control') ?? '').not.toContain('public');
		const firstBody = await first.text();
		const again = await page({ 'accept-language': 'nl' });
		expect(again.headers.get('x-cache')).toBe('hit');
		// The same bytes, CSP nonce included, with the same policy header.
		expect(await again.text()).toBe(firstBody);
		expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
		const english = await page({ 'accept-language': 'en' });
		expect(english.headers.get('x-cache')).toBeNull();
		expect(await english.text()).toContain('Cached kayaking');

		const learner = await signUp(platform, 'kayaker');
		const signedIn = () => page({ 'accept-language': 'nl', authorization: `Bearer ${learner.token}` });
		await signedIn();
		expect((await signedIn()).headers.get('x-cache')).toBeNull();

		expect((await learner.post(`/api/v1/activities/${activity.id}/enrolments`)).status).toBe(201);
		const afterWrite = await page({ 'accept-language': 'nl' });
		expect(afterWrite.headers.get('x-cache')).toBeNull();
		expect(afterWrite.headers.get('content-security-policy')).not.toBe(first.headers.get('content-security-policy'));
	});
});

describe('API conventions', () => {
	it('answers a wrong method with 405 in the error shape', async () => {
		const res = await platform.anonymous.request('PUT', '/api/v1/cities', {});
		expect(res.status).toBe(405);
		expect(res.body.error.code).toBe('method_not_allowed');
	});

	it('never leaks a stack trace for hostile input', async () => {
		const bodies = ['[]', 'null', '"text"', '{"email":{"$ne":1}}', '{"__proto__":{"admin":true}}', '1e309', '{"a":'.repeat(500)];
		for (const body of bodies) {
			const res = await platform.anonymous.request('POST', '/api/v1/auth/login', body, { 'content-type': 'application/json' });
			expect([400, 422], body).toContain(res.status);
			expect(res.body.error.code).toEqual(expect.any(String));
			expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
		}
	});
});

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 and documents every endpoint with its schemas', async () => {
		const res = await platform.anonymous.get('/api/openapi.json');
		expect(res.status).toBe(200);
		const doc = res.body;
		expect(doc.openapi).toBe('3.1.0');
		const expected: [string, string][] = [
			['/api/v1/auth/register', 'post'],
			['/api/v1/auth/login', 'post'],
			['/api/v1/cities', 'post'],
			['/api/v1/cities/{slug}', 'get'],
			['/api/v1/organisations', 'post'],
			['/api/v1/organisations/{id}/approve', 'post'],
			['/api/v1/organisations/{id}/invitations', 'post'],
			['/api/v1/invitations/{token}/accept', 'post']
		];
		for (const [path, method] of expected) {
			expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
		}
		const createCity = doc.paths['/api/v1/cities'].post;
		expect(createCity.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateCityInput');
		expect(doc.components.schemas.CreateCityInput.required).toEqual(expect.arrayContaining(['slug', 'name', 'locales', 'center']));
		expect(createCity.responses['422']).toBeDefined();
		expect(createCity.requestBody.required).toBe(true);
		// An optional body (a narrative may be given) is documented as such, and may be left out.
		expect(doc.paths['/api/v1/enrolments/{id}/award'].post.requestBody.required).toBe(false);
		expect(doc.components.schemas.Error).toBeDefined();
	});

	it('has a readable documentation page', async () => {
		const res = await platform.anonymous.get('/api/docs');
		expect(res.status).toBe(200);
		expect(res.body).toContain('/api/v1/organisations/{id}/approve');
	});
});

describe('rate limits', () => {
	it('answers 429 with Retry-After once login attempts run out', async () => {
		const server = await startServer({ env: { RATE_LIMIT_LOGIN: '3/60' } });
		try {
			const api = apiClient(server.url);
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) {
				statuses.push((await api.post('/api/v1/auth/login', { email: 'who@example.org', password: 'whatever' })).status);
			}
			expect(statuses).toEqual([401, 401, 401, 429, 429]);
			const limited = await api.post('/api/v1/auth/login', { email: 'who@example.org', password: 'whatever' });
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(limited.body.error.code).toBe('rate_limited');
		} finally {
			await server.stop();
		}
	});
});
