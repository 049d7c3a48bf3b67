/**
 * A crash in the middle of a background import: the server is killed (SIGKILL) while it writes the
 * chunks, started again on the same database, and the job is taken again. The run ends applied with
 * every record once: no activity doubled, none lost, and the report counts each record once. Runs on
 * PGlite (orphaned jobs are released at start), or on PostgreSQL when DATABASE_URL is set (the job is
 * taken again when its lease lapses: a short lease here).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { restartableStorage, startServer } from '../../../../tests/support/server';
import { apiClient } from '../../../../tests/support/api';
import { ADMIN } from '../../../../tests/support/factories';
import { largeCsv } from '../../../../tests/support/imports';

const RECORDS = 4000;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JOBS_LEASE_SECONDS: '4', JOBS_POLL_MS: '200' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a background import interrupted by a crash', () => {
	it('is taken again after a restart and ends with every record imported once', { timeout: 240_000 }, async () => {
		const { where, cleanup } = await restartableStorage('import-crash');
		cleanups.push(cleanup);
		const first = await startServer({ ...where, env });
		const anonymous = apiClient(first.url);
		const admin = anonymous.as((await anonymous.post('/api/v1/auth/login', ADMIN)).body.token);
		await admin.post('/api/v1/cities', { slug: 'crash', name: 'Crash city', locales: ['en'], defaultLocale: 'en', timezone: 'Europe/Amsterdam', center: { lat: 51.6, lon: 4.8 } });
		const owner = anonymous.as((await anonymous.post('/api/v1/auth/register', { email: 'owner@example.org', password: 'a good password', name: 'Owner' })).body.token);
		const organisation = (await owner.post('/api/v1/organisations', { city: 'crash', name: 'Crash Club', type: 'youth_organisation', email: 'club@example.org' })).body;
		await admin.post(`/api/v1/organisations/${organisation.id}/approve`);

		const started = await owner.post('/api/v1/imports', { organisationId: organisation.id, format: 'csv', content: largeCsv('crash', RECORDS), background: true });
		expect(started.status).toBe(202);
		const progress = new URL(started.body.url).pathname;

		// Killed once some chunks, not all, are written.
		let before = 0;
		for (let i = 0; i < 2000 && before === 0; i++) {
			before = (await owner.get(progress)).body.progress.processed;
			await pause(10);
		}
		await first.crash();
		expect(before).toBeGreaterThan(0);
		expect(before).toBeLessThan(RECORDS);

		const second = await startServer({ ...where, env, port: Number(new URL(first.url).port) });
		cleanups.push(second.stop);
		const client = apiClient(second.url, owner.token);
		let run = (await client.get(progress)).body;
		for (let i = 0; i < 1200 && (run.status === 'queued' || run.status === 'running'); i++) {
			await pause(100);
			run = (await client.get(progress)).body;
		}
		expect(run).toMatchObject({ status: 'applied', created: RECORDS, updated: 0, skipped: 0, progress: { processed: RECORDS, total: RECORDS } });
		const sourceIds = run.items.map((item: { sourceId: string }) => item.sourceId);
		expect(new Set(sourceIds).size).toBe(RECORDS);

		// Every record is one activity: the organisation holds exactly RECORDS drafts, each source id once.
		const seen: string[] = [];
		for (let page = 1; page <= RECORDS / 100 + 1; page++) {
			const body = (await client.get(`/api/v1/organisations/${organisation.id}/activities?status=draft&limit=100&page=${page}`)).body;
			if (page === 1) expect(body.total).toBe(RECORDS);
			seen.push(...body.items.map((item: { id: string }) => item.id));
		}
		expect(seen).toHaveLength(RECORDS);
		expect(new Set(seen).size).toBe(RECORDS);
		expect(new Set(run.items.map((item: { id: string }) => item.id))).toEqual(new Set(seen));
	});
});
