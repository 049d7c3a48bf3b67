/**
 * A crash in the middle of a bulk award: the server is killed (SIGKILL) while it signs, started again
 * on the same database, and carries on. Every recipient ends with exactly one credential: nothing is
 * lost, nothing is doubled. Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { restartableStorage, startServer, type TestServer } from '../../../../tests/support/server';
import { apiClient, type ApiClient } from '../../../../tests/support/api';
import { ADMIN, publishedActivity } from '../../../../tests/support/factories';

const RECIPIENTS = 300;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

async function storage() {
	const { where, cleanup } = await restartableStorage('crash');
	cleanups.push(cleanup);
	return where;
}

/** Restarts keep the secret that seals the signing keys (set, as a multi-instance set-up must). */
const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, CREDENTIAL_SECRET: 'crash test secret, long enough to be a key', JOBS_LEASE_SECONDS: '4' };

async function seed(server: TestServer): Promise<{ owner: ApiClient; activityId: string }> {
	const anonymous = apiClient(server.url);
	const admin = anonymous.as((await anonymous.post('/api/v1/auth/login', ADMIN)).body.token);
	await admin.post('/api/v1/cities', { slug: 'crash', name: 'Crash city', locales: ['en'], defaultLocale: 'en', timezone: 'Europe/Amsterdam', center: { lat: 51.6, lon: 4.8 } });
	await admin.post('/api/v1/cities/crash/admins', { email: ADMIN.email });
	const owner = anonymous.as((await anonymous.post('/api/v1/auth/register', { email: 'owner@example.org', password: 'a good password', name: 'Owner' })).body.token);
	const organisation = (await owner.post('/api/v1/organisations', { city: 'crash', name: 'Crash Club', type: 'youth_organisation', email: 'club@example.org' })).body;
	await admin.post(`/api/v1/organisations/${organisation.id}/approve`);
	return { owner, activityId: (await publishedActivity(owner, organisation.id)).id };
}

describe('a bulk award interrupted by a crash', () => {
	it('resumes after a restart and ends with exactly one credential per recipient', { timeout: 180_000 }, async () => {
		const where = await storage();
		const first = await startServer({ ...where, env });
		const { owner, activityId } = await seed(first);
		const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `crash-${i}@example.org`, narrative: `Shift ${i}` }));
		const created = await owner.post(`/api/v1/activities/${activityId}/awards`, { recipients });
		expect(created.status).toBe(202);
		const progress = new URL(created.body.url).pathname;

		// Killed once some, not all, are signed and stored.
		let before = 0;
		for (let i = 0; i < 600 && before < 60; i++) {
			before = (await owner.get(progress)).body.processed;
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		await first.crash();
		expect(before).toBeGreaterThan(0);
		expect(before).toBeLessThan(RECIPIENTS);

		const second = await startServer({ ...where, env, port: Number(new URL(first.url).port) });
		cleanups.push(second.stop);
		const client = apiClient(second.url, owner.token);
		let batch = (await client.get(progress)).body;
		for (let i = 0; i < 600 && batch.status !== 'done'; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			batch = (await client.get(progress)).body;
		}
		expect(batch).toMatchObject({ status: 'done', total: RECIPIENTS, processed: RECIPIENTS, awarded: RECIPIENTS, already: 0, failed: 0 });

		const holders: string[] = [];
		for (let offset = 0; offset < RECIPIENTS + 200; offset += 200) {
			const page = (await client.get(`/api/v1/activities/${activityId}/credentials?limit=200&offset=${offset}`)).body;
			holders.push(...page.items.map((item: { recipient: { email: string } }) => item.recipient.email));
		}
		expect(holders).toHaveLength(RECIPIENTS);
		expect(new Set(holders).size).toBe(RECIPIENTS);
		// And the same list again changes nothing.
		const again = await client.post(`/api/v1/activities/${activityId}/awards`, { recipients });
		for (let i = 0; i < 600 && again.body.status !== 'done'; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			again.body = (await client.get(new URL(again.body.url).pathname)).body;
		}
		expect(again.body).toMatchObject({ awarded: 0, already: RECIPIENTS });
	});
});
