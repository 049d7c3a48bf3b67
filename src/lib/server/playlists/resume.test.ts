/**
 * A playlist badge the learner earned while it could not be issued (here: the owning organisation was
 * suspended when the last activity badge came, as a process stopped between the two writes would
 * leave it) is issued when the server starts again. Runs on PGlite, or on PostgreSQL with DATABASE_URL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { restartableStorage, startServer } from '../../../../tests/support/server';
import { apiClient } from '../../../../tests/support/api';
import { ADMIN, publishedActivity } from '../../../../tests/support/factories';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

async function storage() {
	const { where, cleanup } = await restartableStorage('playlist');
	cleanups.push(cleanup);
	return where;
}

const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, CREDENTIAL_SECRET: 'playlist resume secret, long enough to be a key' };

describe('a playlist badge left behind', () => {
	it('is issued after a restart', { timeout: 120_000 }, async () => {
		const where = await storage();
		const first = await startServer({ ...where, env });
		const anonymous = apiClient(first.url);
		const admin = anonymous.as((await anonymous.post('/api/v1/auth/login', ADMIN)).body.token);
		await admin.post('/api/v1/cities', { slug: 'resume', name: 'Resume', locales: ['en'], defaultLocale: 'en', timezone: 'Europe/Amsterdam', center: { lat: 51.6, lon: 4.8 } });
		const register = async (email: string) => anonymous.as((await anonymous.post('/api/v1/auth/register', { email, password: 'a good password', name: email })).body.token);
		const [curator, provider, learner] = [await register('curator@example.org'), await register('provider@example.org'), await register('learner@example.org')];
		const organisation = async (owner: typeof curator, name: string) => {
			const created = (await owner.post('/api/v1/organisations', { city: 'resume', name, type: 'youth_organisation', email: 'o@example.org' })).body;
			await admin.post(`/api/v1/organisations/${created.id}/approve`);
			return created.id as string;
		};
		const curatorOrg = await organisation(curator, 'Pathway makers');
		const providerOrg = await organisation(provider, 'Workshop house');
		const activity = await publishedActivity(provider, providerOrg, { title: { en: 'Only step' } });
		const playlist = (await curator.post('/api/v1/playlists', { organisationId: curatorOrg, title: { en: 'One step' }, description: {}, items: [{ activityId: activity.id }] })).body;
		expect((await curator.post(`/api/v1/playlists/${playlist.id}/publish`)).status).toBe(200);
		expect((await learner.post(`/api/v1/playlists/${playlist.id}/follow`)).status).toBe(200);

		// The playlist's issuer cannot issue when the activity badge arrives.
		await admin.post(`/api/v1/organisations/${curatorOrg}/suspend`, { reason: 'Paperwork' });
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		expect((await provider.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
		const progress = async (client: typeof learner) => (await client.get('/api/v1/me/playlists')).body.items[0];
		expect((await progress(learner)).credential).toBeNull();
		await admin.post(`/api/v1/organisations/${curatorOrg}/approve`);
		await first.crash();

		const second = await startServer({ ...where, env, port: Number(new URL(first.url).port) });
		cleanups.push(() => second.stop());
		const again = apiClient(second.url).as(learner.token);
		await expect.poll(async () => (await progress(again)).credential, { timeout: 20_000 }).not.toBeNull();
		const mine = (await again.get('/api/v1/me/credentials')).body.items.filter((c: { playlistId: string | null }) => c.playlistId === playlist.id);
		expect(mine).toHaveLength(1);
	});
});
