import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform();
});
afterAll(() => platform?.server.stop());

const valid = {
	slug: 'thessaloniki',
	name: 'Thessaloniki',
	locales: ['el', 'en'],
	defaultLocale: 'el',
	timezone: 'Europe/Athens',
	center: { lat: 40.64, lon: 22.94 },
	tagline: { el: 'Πόλη της μάθησης', en: 'City of learning' }
};

describe('POST /api/v1/cities', () => {
	it('needs a signed-in platform admin', async () => {
		expect((await platform.anonymous.post('/api/v1/cities', valid)).status).toBe(401);
		const learner = await signUp(platform);
		const res = await learner.post('/api/v1/cities', valid);
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('forbidden');
	});

	it('validates every field', async () => {
		const res = await platform.admin.post('/api/v1/cities', {
			slug: 'Not A Slug!',
			name: '',
			locales: ['en', 'xx'],
			defaultLocale: 'it',
			timezone: 'Mars/Olympus',
			center: { lat: 200, lon: -181 }
		});
		expect(res.status).toBe(422);
		const paths = res.body.error.details.map((d: { path: string }) => d.path);
		expect(paths).toEqual(expect.arrayContaining(['slug', 'name', 'locales.1', 'timezone', 'center.lat', 'center.lon']));
	});

	it('rejects a default language the city does not offer', async () => {
		const res = await platform.admin.post('/api/v1/cities', { ...valid, slug: 'x-city', defaultLocale: 'it' });
		expect(res.status).toBe(422);
		expect(res.body.error.details[0].path).toBe('defaultLocale');
	});

	it('creates a city that anyone can read', async () => {
		const res = await platform.admin.post('/api/v1/cities', valid);
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ slug: 'thessaloniki', locales: ['el', 'en'], center: { lat: 40.64, lon: 22.94 } });

		const read = await platform.anonymous.get('/api/v1/cities/thessaloniki');
		expect(read.status).toBe(200);
		expect(read.body.tagline.el).toBe('Πόλη της μάθησης');
		const list = await platform.anonymous.get('/api/v1/cities');
		expect(list.body.items.map((c: { slug: string }) => c.slug)).toContain('thessaloniki');
	});

	it('refuses a taken slug with 409', async () => {
		const res = await platform.admin.post('/api/v1/cities', valid);
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('slug_taken');
	});

	it('answers 404 in the error shape for an unknown city or endpoint', async () => {
		const res = await platform.anonymous.get('/api/v1/cities/atlantis');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');
		const none = await platform.anonymous.get('/api/v1/no-such-thing');
		expect(none.status).toBe(404);
		expect(none.body.error.code).toBe('not_found');
	});
});

describe('city admins and settings', () => {
	it('lets the platform admin appoint city admins who can then edit only their city', async () => {
		const breda = await createCity(platform);
		const turin = await createCity(platform, { name: 'Torino', locales: ['it', 'en'], defaultLocale: 'it' });
		const admin = await signUp(platform, 'breda-admin');

		expect((await admin.post(`/api/v1/cities/${breda.slug}/admins`, { email: admin.email })).status).toBe(403);
		const unknown = await platform.admin.post(`/api/v1/cities/${breda.slug}/admins`, { email: 'nobody@example.org' });
		expect(unknown.status).toBe(422);
		expect((await platform.admin.post(`/api/v1/cities/${breda.slug}/admins`, { email: admin.email })).status).toBe(201);

		const edited = await admin.patch(`/api/v1/cities/${breda.slug}`, { name: 'Breda City of Learning', tagline: { nl: 'Leren in Breda' } });
		expect(edited.status).toBe(200);
		expect(edited.body.name).toBe('Breda City of Learning');
		expect((await admin.patch(`/api/v1/cities/${turin.slug}`, { name: 'Hijacked' })).status).toBe(403);
		expect((await admin.patch(`/api/v1/cities/${breda.slug}`, { defaultLocale: 'lt' })).status).toBe(422);

		const admins = await admin.get(`/api/v1/cities/${breda.slug}/admins`);
		expect(admins.body.items.map((a: { email: string }) => a.email)).toEqual([admin.email]);
		expect((await admin.get(`/api/v1/cities/${turin.slug}/admins`)).status).toBe(403);

		expect((await platform.admin.delete(`/api/v1/cities/${breda.slug}/admins/${admin.userId}`)).status).toBe(204);
		expect((await admin.patch(`/api/v1/cities/${breda.slug}`, { name: 'Again' })).status).toBe(403);
	});
});
