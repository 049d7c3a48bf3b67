/**
 * Wallet and playlist figures of issue 5: a learner holding 500 credentials opens the wallet page and
 * the wallet's API (p50/p95 under one client, server time as the client sees it on the same host);
 * and a playlist of two steps completed by 500 learners through 1,000 awards sent at once, which must
 * end with exactly one playlist badge per learner.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiClient, type ApiClient } from '../tests/support/api';
import { load, startPlatform, type Row } from './harness';

const ADMIN = { ADMIN_EMAIL: 'bench@example.org', ADMIN_PASSWORD: 'bench password' };
const HELD = 500;
const FOLLOWERS = 500;
const CONCURRENT = 100;

async function must(response: Promise<{ status: number; body: unknown }>, expected: number) {
	const res = await response;
	if (res.status !== expected) throw new Error(`wallet bench: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body as Record<string, unknown> & { id: string; token: string };
}

/** Runs `task` for every item, `width` at a time. */
async function pool<T>(items: T[], width: number, task: (item: T, index: number) => Promise<unknown>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) {
				const index = next++;
				await task(items[index]!, index);
			}
		})
	);
}

async function seed(url: string) {
	const anonymous = apiClient(url);
	const admin = anonymous.as((await must(anonymous.post('/api/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }), 200)).token);
	await must(admin.post('/api/v1/cities', { slug: 'breda', name: 'Breda', locales: ['nl', 'en'], defaultLocale: 'nl', timezone: 'Europe/Amsterdam', center: { lat: 51.589, lon: 4.776 } }), 201);
	const owner = anonymous.as((await must(anonymous.post('/api/v1/auth/register', { email: 'owner@example.org', password: 'a good password', name: 'Owner' }), 201)).token);
	const organisation = await must(owner.post('/api/v1/organisations', { city: 'breda', name: 'Breda Youth Works', type: 'youth_organisation', email: 'hello@example.org' }), 201);
	await must(admin.post(`/api/v1/organisations/${organisation.id}/approve`), 200);
	return { anonymous, owner, organisationId: organisation.id };
}

const SKILLS = ['lifecomp:P2', 'digcomp:3.4', 'entrecomp:1.1', 'lifecomp:S1', 'digcomp:2.1'];
async function publishedActivity(owner: ApiClient, organisationId: string, i: number) {
	const activity = await must(
		owner.post('/api/v1/activities', {
			organisationId,
			title: { en: `Workshop ${i}`, nl: `Werkplaats ${i}` },
			description: { en: 'Learn by doing.', nl: 'Leren door te doen.' },
			type: 'workshop',
			mode: 'online',
			alwaysOpen: true,
			url: `https://example.org/w/${i}`,
			languages: ['nl'],
			skills: [SKILLS[i % SKILLS.length]!, SKILLS[(i + 2) % SKILLS.length]!]
		}),
		201
	);
	await must(owner.post(`/api/v1/activities/${activity.id}/publish`), 200);
	return activity.id;
}

async function learner(anonymous: ApiClient, label: string) {
	const res = await must(anonymous.post('/api/v1/auth/register', { email: `${label}@example.org`, password: 'a good password', name: label }), 201);
	return anonymous.as(res.token);
}

async function award(owner: ApiClient, person: ApiClient, activityId: string) {
	const joined = await must(person.post(`/api/v1/activities/${activityId}/enrolments`), 201);
	return { owner, enrolmentId: (joined.enrolment as { id: string }).id };
}

export async function run(options: { seconds: number; databaseUrl: string | undefined }): Promise<Row[]> {
	const rows: Row[] = [];
	const engines: [string, Record<string, string>][] = [['PGlite', {}]];
	if (options.databaseUrl) engines.push(['PostgreSQL', { DATABASE_URL: options.databaseUrl }]);
	for (const [engine, env] of engines) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-bench-wallet-'));
		const server = await startPlatform({ DATA_DIR: dataDir, ...ADMIN, RATE_LIMIT_REGISTER: '1000000/60', RATE_LIMIT_LOGIN: '1000000/60', ...env });
		try {
			const feature = `wallet (${engine})`;
			const { anonymous, owner, organisationId } = await seed(server.url);
			const activityIds: string[] = [];
			await pool(Array.from({ length: HELD }, (_, i) => i), 4, async (i) => {
				activityIds[i] = await publishedActivity(owner, organisationId, i);
			});
			const holder = await learner(anonymous, 'holder');
			await pool(activityIds, 4, async (activityId) => {
				const { enrolmentId } = await award(owner, holder, activityId);
				await must(owner.post(`/api/v1/enrolments/${enrolmentId}/award`), 201);
			});
			const headers = { authorization: `Bearer ${holder.token}` };
			const seconds = Math.max(3, Math.round(options.seconds / 2));
			for (const [metric, pathname] of [
				['the wallet page, 500 credentials', '/wallet'],
				['GET /api/v1/me/credentials, 500 credentials', '/api/v1/me/credentials'],
				['GET /api/v1/me/skill-profile, 500 credentials', '/api/v1/me/skill-profile']
			] as const) {
				const measured = await load(`${server.url}${pathname}`, { connections: 1, seconds, headers });
				rows.push({ feature, metric: `${metric}: p50`, value: measured.p50, unit: 'ms' }, { feature, metric: `${metric}: p95`, value: measured.p95, unit: 'ms', target: '< 100 ms', ok: measured.p95 < 100 });
			}

			// A two-step playlist, 500 followers, and both awards of every follower sent at once.
			const [first, second] = [await publishedActivity(owner, organisationId, HELD), await publishedActivity(owner, organisationId, HELD + 1)];
			const playlist = await must(owner.post('/api/v1/playlists', { organisationId, title: { en: 'Two steps' }, description: {}, items: [{ activityId: first }, { activityId: second }] }), 201);
			await must(owner.post(`/api/v1/playlists/${playlist.id}/publish`), 200);
			const followers: ApiClient[] = [];
			await pool(Array.from({ length: FOLLOWERS }, (_, i) => i), 8, async (i) => {
				const person = await learner(anonymous, `follower-${i}`);
				await must(person.post(`/api/v1/playlists/${playlist.id}/follow`), 200);
				followers[i] = person;
			});
			const enrolments: string[] = [];
			await pool(followers, 8, async (person) => {
				for (const activityId of [first, second]) enrolments.push((await award(owner, person, activityId)).enrolmentId);
			});
			const started = performance.now();
			await pool(enrolments, CONCURRENT, async (enrolmentId) => {
				await must(owner.post(`/api/v1/enrolments/${enrolmentId}/award`), 201);
			});
			const awardSeconds = (performance.now() - started) / 1000;
			let badges = 0;
			let doubled = 0;
			await pool(followers, 8, async (person) => {
				const mine = (await person.get('/api/v1/me/credentials')).body as { items: { playlistId: string | null }[] };
				const held = mine.items.filter((item) => item.playlistId === playlist.id).length;
				if (held === 1) badges++;
				if (held > 1) doubled++;
			});
			rows.push(
				{ feature, metric: `${FOLLOWERS * 2} awards at ${CONCURRENT} at a time completing a playlist`, value: awardSeconds, unit: 's' },
				{ feature, metric: `learners with exactly one playlist badge (of ${FOLLOWERS})`, value: badges, unit: '', target: `= ${FOLLOWERS}, none doubled`, ok: badges === FOLLOWERS && doubled === 0 }
			);
		} finally {
			await server.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
	return rows;
}
