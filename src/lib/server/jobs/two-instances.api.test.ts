/**
 * Two instances on one PostgreSQL database (only when DATABASE_URL is set: PGlite is one process by
 * design): a session made on A works on B, background imports enqueued through either run exactly once
 * on whichever instance claims them, and B's cache of public answers does not serve what a write on A
 * made stale.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSuiteDatabase, startServer, type TestServer } from '../../../../tests/support/server';
import { apiClient } from '../../../../tests/support/api';
import { ADMIN } from '../../../../tests/support/factories';
import { largeCsv } from '../../../../tests/support/imports';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Several instances must share the secret that seals the signing keys. */
const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, CREDENTIAL_SECRET: 'two instances share this secret, long enough', JOBS_POLL_MS: '100' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jobsDone = (server: TestServer) => server.logs().filter((line) => line.includes('"msg":"job done"') && line.includes('"queue":"import.apply"')).length;

describe.runIf(process.env.DATABASE_URL)('two instances on one database', () => {
	it('share sessions, run each job once, and keep public answers fresh', { timeout: 180_000 }, async () => {
		const database = await createSuiteDatabase(process.env.DATABASE_URL!);
		cleanups.push(database.drop);
		// One after the other: the first migrates the database, the second finds it ready.
		const a = await startServer({ databaseUrl: database.url, env });
		cleanups.push(a.stop);
		const b = await startServer({ databaseUrl: database.url, env });
		cleanups.push(b.stop);

		// A session from A, on B: by token and by cookie.
		const onA = apiClient(a.url);
		const login = await onA.post('/api/v1/auth/login', ADMIN);
		expect(login.status).toBe(200);
		const meOnB = await apiClient(b.url, login.body.token).get('/api/v1/me');
		expect(meOnB.status).toBe(200);
		expect(meOnB.body.email).toBe(ADMIN.email);
		const cookie = login.headers.get('set-cookie')?.split(';')[0];
		if (cookie) {
			const byCookie = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
			expect(byCookie.status).toBe(200);
		}

		// An organisation made through A, used through B.
		const adminA = onA.as(login.body.token);
		const adminB = apiClient(b.url, login.body.token);
		await adminA.post('/api/v1/cities', { slug: 'twin', name: 'Twin city', locales: ['en'], defaultLocale: 'en', timezone: 'Europe/Amsterdam', center: { lat: 51.6, lon: 4.8 } });
		const organisation = (await adminB.post('/api/v1/organisations', { city: 'twin', name: 'Twin Club', type: 'youth_organisation', email: 'club@example.org' })).body;
		expect((await adminA.post(`/api/v1/organisations/${organisation.id}/approve`)).status).toBe(200);

		// Background imports through both instances: each runs once, on either.
		const runs: string[] = [];
		for (let i = 0; i < 6; i++) {
			const through = i % 2 ? adminB : adminA;
			const started = await through.post('/api/v1/imports', { organisationId: organisation.id, format: 'csv', content: largeCsv(`twin${i}`, 60), background: true });
			expect(started.status).toBe(202);
			runs.push(new URL(started.body.url).pathname);
		}
		for (const run of runs) {
			let body = (await adminB.get(run)).body;
			for (let i = 0; i < 600 && (body.status === 'queued' || body.status === 'running'); i++) {
				await pause(100);
				body = (await (i % 2 ? adminA : adminB).get(run)).body;
			}
			expect(body).toMatchObject({ status: 'applied', created: 60, updated: 0, skipped: 0, progress: { processed: 60, total: 60 } });
		}
		expect(jobsDone(a) + jobsDone(b)).toBe(6);
		const drafts = (await adminA.get(`/api/v1/organisations/${organisation.id}/activities?status=draft&limit=1`)).body;
		expect(drafts.total).toBe(360);

		// B keeps an anonymous public answer; a write on A makes B answer afresh.
		const anonymousB = apiClient(b.url);
		const first = await anonymousB.get('/api/v1/cities/twin');
		expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
		expect((await anonymousB.get('/api/v1/cities/twin')).headers.get('x-cache')).toBe('hit');
		expect((await adminA.patch('/api/v1/cities/twin', { name: 'Renamed twin' })).status).toBe(200);
		const after = await anonymousB.get('/api/v1/cities/twin');
		expect(after.headers.get('x-cache')).toBeNull();
		expect(after.body.name).toBe('Renamed twin');
		// And B keeps the fresh answer again until the next write.
		expect((await anonymousB.get('/api/v1/cities/twin')).headers.get('x-cache')).toBe('hit');
	});
});
