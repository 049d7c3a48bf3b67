/**
 * The dashboard rollups (`stats_city_learners`, `stats_city_months`) stay equal to a count from the
 * enrolments and follows through every kind of write: joining, the waiting list and its promotion,
 * leaving, awarding one by one and in bulk, following and unfollowing, deleting an account (by
 * cascade), then edits straight in SQL (dates moved back, a row deleted, a transaction rolled back).
 * The city dashboard read from the rollups gives the same figures as the statements that group the
 * enrolments, for periods of whole months, partial months and periods that straddle a learner's steps.
 * Runs on PGlite, or on PostgreSQL with DATABASE_URL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { restartableStorage, startServer } from '../../../../tests/support/server';
import { apiClient } from '../../../../tests/support/api';
import { ADMIN, approvedOrganisation, publishedActivity, signUp, type Platform } from '../../../../tests/support/factories';
import type { Database } from '../db/database';
import { createAppContext, type AppContext } from '../app/context';
import { loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { seedDemo } from './demo';
import { enrolmentMonths, learnerFigures } from './queries';
import { cityEnrolmentMonths, cityLearnerFigures, inclusionEnrolments } from './rollup-queries';
import { toPeriod } from './period';

let cleanup: () => Promise<void>;
let app: AppContext;
let database: Database;
const CREDENTIAL_SECRET = 'stats rollup test secret, long enough to be a key';
let cityId = '';
let citySlug = '';
let dashboard: { learners: { registered: number; active: number; new: number }; enrolments: { made: number; completed: number } };

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** What the database would hold if the rollups were built now from the base tables. */
async function recounted(db: Database['db']) {
	const learners = rows<Record<string, unknown>>(
		await db.execute(sql`select city_id, user_id, min(first_at)::text as first_at, max(last_at)::text as last_at from (
			select city_id, user_id, min(created_at) first_at, max(greatest(created_at, updated_at)) last_at from enrolments group by 1, 2
			union all select city_id, user_id, min(created_at), max(created_at) from playlist_followers group by 1, 2) x
			group by 1, 2 order by 1, 2`)
	);
	const months = rows<Record<string, unknown>>(
		await db.execute(sql`select city_id, month::text, sum(made)::int made, sum(completed)::int completed from (
			select city_id, stats_month_of(created_at) as month, count(*) as made, 0 as completed from enrolments where status <> 'waitlisted' group by 1, 2
			union all select city_id, stats_month_of(updated_at), 0, count(*) from enrolments where status = 'completed' group by 1, 2) x
			group by 1, 2 order by 1, 2`)
	);
	return { learners, months };
}

async function rollups(db: Database['db']) {
	const learners = rows<Record<string, unknown>>(await db.execute(sql`select city_id, user_id, first_at::text, last_at::text from stats_city_learners order by 1, 2`));
	const months = rows<Record<string, unknown>>(
		await db.execute(sql`select city_id, month::text, made, completed from stats_city_months where made <> 0 or completed <> 0 order by 1, 2`)
	);
	return { learners, months };
}

/** The city's learner and enrolment figures for a period, from the rollups and from the enrolments. */
async function bothWays(db: Database['db'], query: { from: string; to: string }) {
	const period = toPeriod(query);
	const summary = (list: { kind: string; month: string | null; band: string; active: boolean; fresh: boolean; needs: boolean; n: number }[]) => {
		const counts: Record<string, number> = {};
		for (const r of list) {
			const keys = r.kind === 'demand' ? [`demand`] : ['all', r.band, r.active ? 'active' : '', r.fresh ? `new ${r.month}` : '', r.needs ? 'needs' : '', r.needs && r.active ? 'needs active' : ''];
			for (const key of keys) if (key) counts[key] = (counts[key] ?? 0) + r.n;
		}
		return counts;
	};
	const byMonth = (x: { made: { month: string; n: number }[]; completed: { month: string; n: number }[] }) => ({
		made: Object.fromEntries(x.made.filter((r) => r.n).map((r) => [r.month, r.n])),
		completed: Object.fromEntries(x.completed.filter((r) => r.n).map((r) => [r.month, r.n]))
	});
	const base = await learnerFigures(db, { cityId }, period);
	const needs = base.filter((r) => r.kind === 'group' && r.needs);
	return {
		fromRollups: {
			learners: summary(await cityLearnerFigures(db, cityId, period)),
			inclusion: await inclusionEnrolments(db, cityId, period),
			months: byMonth(await cityEnrolmentMonths(db, cityId, period))
		},
		fromEnrolments: {
			learners: summary(base),
			inclusion: { made: needs.reduce((t, r) => t + r.made, 0), completed: needs.reduce((t, r) => t + r.completed, 0) },
			months: byMonth(await enrolmentMonths(db, { cityId }, period))
		}
	};
}

beforeAll(async () => {
	const storage = await restartableStorage('stats-rollup');
	cleanup = storage.cleanup;
	const server = await startServer({ ...storage.where, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, STATS_CACHE_SECONDS: '0', CREDENTIAL_SECRET } });
	try {
		const anonymous = apiClient(server.url);
		const platform: Platform = { server, anonymous, admin: anonymous.as((await anonymous.post('/api/v1/auth/login', ADMIN)).body.token) };
		const { city, owner, organisation, cityAdmin } = await approvedOrganisation(platform);
		citySlug = city.slug;
		cityId = city.id;
		const small = (await publishedActivity(owner, organisation.id, { capacity: 1, waitlist: true })).id;
		const open = (await publishedActivity(owner, organisation.id)).id;
		const other = (await publishedActivity(owner, organisation.id)).id;
		const playlist = await owner.post('/api/v1/playlists', { organisationId: organisation.id, title: { en: 'Two steps' }, description: {}, items: [{ activityId: small }, { activityId: open }] });
		expect((await owner.post(`/api/v1/playlists/${playlist.body.id}/publish`)).status).toBe(200);
		const follow = (client: typeof owner) => client.post(`/api/v1/playlists/${playlist.body.id}/follow`);
		const join = async (client: typeof owner, activityId: string) => (await client.post(`/api/v1/activities/${activityId}/enrolments`)).body.enrolment as { id: string; status: string };

		// One: takes the only place, completes another activity, follows, then leaves the small one.
		const one = await signUp(platform, 'one');
		expect((await one.put('/api/v1/me/learning-profile', { birthYear: 2008, accessibilityNeeds: ['captions'], inclusionStatsConsent: true })).status).toBe(200);
		expect((await join(one, small)).status).toBe('joined');
		expect((await owner.post(`/api/v1/enrolments/${(await join(one, open)).id}/award`)).status).toBe(201);
		expect((await follow(one)).status).toBeLessThan(300);
		// Two: waits for the small activity and gets the place when One leaves; is awarded in bulk.
		const two = await signUp(platform, 'two');
		expect((await join(two, small)).status).toBe('waitlisted');
		expect((await one.delete(`/api/v1/activities/${small}/enrolments/me`)).status).toBeLessThan(300);
		await join(two, other);
		const bulk = await owner.post(`/api/v1/activities/${other}/awards`, { recipients: [{ email: two.email }] });
		expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
		for (let i = 0; (await owner.get(new URL(bulk.body.url).pathname)).body.status !== 'done'; i++) {
			if (i > 200) throw new Error('The bulk award did not finish.');
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		// Three: enrols and follows, then deletes the account: gone from every count.
		const three = await signUp(platform, 'three');
		await join(three, other);
		expect((await follow(three)).status).toBeLessThan(300);
		expect((await three.delete('/api/v1/me', { password: 'a good password' })).status).toBe(204);
		// Four: follows and unfollows: was a learner, is not any more.
		const four = await signUp(platform, 'four');
		expect((await follow(four)).status).toBeLessThan(300);
		expect((await four.delete(`/api/v1/playlists/${playlist.body.id}/follow`)).status).toBe(204);

		const stats = await cityAdmin.get(`/api/v1/cities/${citySlug}/stats`);
		expect(stats.status, JSON.stringify(stats.body)).toBe(200);
		dashboard = stats.body;
	} finally {
		await server.stop();
	}
	// The same database, now in this process: read directly, and written by the demo seed.
	const where = storage.where;
	app = await createAppContext(loadConfig({ ...('databaseUrl' in where ? { DATABASE_URL: where.databaseUrl } : { DATA_DIR: where.dataDir }), CREDENTIAL_SECRET }), createLogger('warn'));
	database = app.database;
}, 120_000);

afterAll(async () => {
	await app?.database.close();
	await cleanup?.();
});

describe('the dashboard rollups', () => {
	it('count what the API wrote: two learners, four enrolments made, two completed', async () => {
		expect(dashboard.learners).toMatchObject({ registered: 2, new: 2, active: 2 });
		expect(dashboard.enrolments).toMatchObject({ made: 4, completed: 2 });
		expect(await rollups(database.db)).toEqual(await recounted(database.db));
		const today = new Date().toISOString().slice(0, 10);
		const { fromRollups, fromEnrolments } = await bothWays(database.db, { from: today.slice(0, 8) + '01', to: today });
		expect(fromRollups).toEqual(fromEnrolments);
		expect(fromRollups.learners.all).toBe(2);
	});

	it('stay right through edits in SQL, and a rolled back write leaves them as they were', async () => {
		const db = database.db;
		const [first, second] = rows<{ id: string }>(await db.execute(sql`select id from enrolments where city_id = ${cityId} order by created_at limit 2`));
		// Moved back in time: the learner's first step and the months both change.
		await db.execute(sql`update enrolments set created_at = '2024-03-15T10:00:00Z', updated_at = '2024-04-02T10:00:00Z', status = 'completed' where id = ${first!.id}`);
		await db.execute(sql`update enrolments set created_at = '2024-01-20T10:00:00Z' where id = ${second!.id}`);
		expect(await rollups(db)).toEqual(await recounted(db));
		for (const period of [
			{ from: '2024-01-01', to: '2024-12-31' }, // whole months
			{ from: '2024-03-20', to: '2024-04-10' }, // partial months only
			{ from: '2024-05-01', to: '2024-10-31' }, // between a learner's steps: not active
			{ from: '2023-01-01', to: '2024-01-19' } // before anything
		]) {
			const { fromRollups, fromEnrolments } = await bothWays(db, period);
			expect(fromRollups, JSON.stringify(period)).toEqual(fromEnrolments);
		}
		const straddled = await bothWays(db, { from: '2024-05-01', to: '2024-10-31' });
		expect(straddled.fromRollups.learners).toMatchObject({ all: 1 });
		expect(straddled.fromRollups.learners.active).toBeUndefined();

		const before = await rollups(db);
		await expect(
			db.transaction(async (tx) => {
				await tx.execute(sql`delete from enrolments where id = ${second!.id}`);
				throw new Error('stopped halfway');
			})
		).rejects.toThrow('stopped halfway');
		expect(await rollups(db)).toEqual(before);
		// Deleted: the learner's first step moves to the next one; a learner without steps disappears.
		await db.execute(sql`delete from enrolments where id = ${second!.id}`);
		expect(await rollups(db)).toEqual(await recounted(db));
		await db.execute(sql`delete from enrolments where id = ${first!.id}`);
		expect(await rollups(db)).toEqual(await recounted(db));
		const learnersBefore = (await rollups(db)).learners.length;
		await db.execute(sql`delete from enrolments where city_id = ${cityId} and user_id not in (select user_id from playlist_followers)`);
		expect((await rollups(db)).learners.length).toBeLessThan(learnersBefore);
		expect(await rollups(db)).toEqual(await recounted(db));
		await db.execute(sql`delete from playlist_followers where city_id = ${cityId}`);
		expect(await rollups(db)).toEqual(await recounted(db));
	});

	it('stay right after the demo seed writes a year of enrolments, follows and badges', { timeout: 120_000 }, async () => {
		const db = database.db;
		const summary = await seedDemo(app, citySlug);
		expect(summary.enrolments).toBeGreaterThan(0);
		expect(await rollups(db)).toEqual(await recounted(db));
		for (const period of [{}, { from: '2026-02-14', to: '2026-05-03' }]) {
			const query = toPeriod(period);
			const { fromRollups, fromEnrolments } = await bothWays(db, { from: query.from, to: query.to });
			expect(fromRollups, JSON.stringify(period)).toEqual(fromEnrolments);
			expect(fromRollups.learners.all).toBeGreaterThan(0);
		}
	});
});
