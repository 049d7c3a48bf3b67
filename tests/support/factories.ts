/** Test data made through the public API, the way real clients make it. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { apiClient, type ApiClient } from './api';
import { startServer, type TestServer } from './server';

export const ADMIN = { email: 'admin@platform.test', password: 'admin password 1' };

export interface Platform {
	server: TestServer;
	anonymous: ApiClient;
	admin: ApiClient;
}

/** A running platform whose first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD. */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
	const server = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env } });
	const anonymous = apiClient(server.url);
	const login = await anonymous.post('/api/v1/auth/login', ADMIN);
	expect(login.status).toBe(200);
	return { server, anonymous, admin: anonymous.as(login.body.token) };
}

const unique = () => randomBytes(4).toString('hex');

export async function signUp(platform: Platform, label = 'person'): Promise<ApiClient & { userId: string; email: string }> {
	const email = `${label}-${unique()}@example.org`;
	const res = await platform.anonymous.post('/api/v1/auth/register', { email, password: 'a good password', name: `Test ${label}` });
	expect(res.status).toBe(201);
	return Object.assign(platform.anonymous.as(res.body.token), { userId: res.body.user.id as string, email });
}

export async function createCity(platform: Platform, overrides: Record<string, unknown> = {}) {
	const res = await platform.admin.post('/api/v1/cities', {
		slug: `city-${unique()}`,
		name: 'Breda',
		locales: ['nl', 'en'],
		defaultLocale: 'nl',
		timezone: 'Europe/Amsterdam',
		center: { lat: 51.589, lon: 4.776 },
		...overrides
	});
	expect(res.status).toBe(201);
	return res.body as { id: string; slug: string; name: string };
}

export async function createOrganisation(client: ApiClient, citySlug: string, overrides: Record<string, unknown> = {}) {
	const res = await client.post('/api/v1/organisations', {
		city: citySlug,
		name: `Youth Hub ${unique()}`,
		type: 'youth_organisation',
		email: 'hello@youthhub.example.org',
		website: 'https://youthhub.example.org',
		description: { en: 'We run workshops.', nl: 'Wij organiseren workshops.' },
		...overrides
	});
	expect(res.status).toBe(201);
	return res.body as { id: string; name: string; status: string };
}

/** A city with a city admin, ready for organisation tests. */
export async function cityWithAdmin(platform: Platform) {
	const city = await createCity(platform);
	const cityAdmin = await signUp(platform, 'cityadmin');
	expect((await platform.admin.post(`/api/v1/cities/${city.slug}/admins`, { email: cityAdmin.email })).status).toBe(201);
	return { city, cityAdmin };
}

/** An approved organisation in a fresh city, with its owner and the city admin. */
export async function approvedOrganisation(platform: Platform, cityOverrides: Record<string, unknown> = {}) {
	const city = await createCity(platform, cityOverrides);
	const cityAdmin = await signUp(platform, 'cityadmin');
	expect((await platform.admin.post(`/api/v1/cities/${city.slug}/admins`, { email: cityAdmin.email })).status).toBe(201);
	const owner = await signUp(platform, 'organiser');
	const organisation = await createOrganisation(owner, city.slug);
	expect((await cityAdmin.post(`/api/v1/organisations/${organisation.id}/approve`)).status).toBe(200);
	return { city, cityAdmin, owner, organisation };
}

/** A complete, publishable activity body; override any field. */
export function activityBody(organisationId: string, overrides: Record<string, unknown> = {}) {
	return {
		organisationId,
		title: { en: 'Repair café for bikes', nl: 'Fietsen repareren in het repaircafé' },
		description: { en: 'Learn to **repair** your own bike with volunteers.', nl: 'Leer je eigen fiets **repareren** met vrijwilligers.' },
		type: 'workshop',
		mode: 'in_person',
		startsAt: '2030-03-14T14:00:00+01:00',
		endsAt: '2030-03-14T17:00:00+01:00',
		location: { address: 'Stationsplein 1, Breda', lat: 51.595, lon: 4.78 },
		languages: ['nl', 'en'],
		ageMin: 14,
		ageMax: 25,
		capacity: 10,
		skills: ['lifecomp:P2', 'digcomp:1.1'],
		accessibility: ['step_free_access'],
		...overrides
	};
}

export async function publishedActivity(client: ApiClient, organisationId: string, overrides: Record<string, unknown> = {}) {
	const created = await client.post('/api/v1/activities', activityBody(organisationId, overrides));
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const published = await client.post(`/api/v1/activities/${created.body.id}/publish`);
	expect(published.status, JSON.stringify(published.body)).toBe(200);
	return published.body as { id: string; status: string };
}
