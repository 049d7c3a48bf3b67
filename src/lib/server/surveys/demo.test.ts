/**
 * The demo surveys on an in-memory database: every answer fits its question, answers fall within the
 * twelve months, anonymous answers keep no user, each person answers once, and the playlist's post
 * self-assessment pairs with the pre one and shows progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/database';
import { defaultFrameworksFolder, FrameworkCatalog, readFrameworkFiles } from '../frameworks/catalog';
import { syncFrameworks } from '../frameworks/loader';
import { users } from '../accounts/schema';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { activities } from '../activities/schema';
import { playlistFollowers, playlistItems, playlists } from '../playlists/schema';
import { surveyRespondents, surveyResponses, surveys } from './schema';
import { unsafeSeedDemoSurveys } from './demo';
import { checkAnswers } from './questions';
import { competenceChanges } from './impact';
import type { SurveyRecord } from './queries';

let database: Database;
const files = readFrameworkFiles(defaultFrameworksFolder());
const frameworks = new FrameworkCatalog(files);
const now = new Date('2026-11-30T12:00:00Z');
const ids = { city: '', learners: [] as string[], activities: [] as string[], playlist: '' };

beforeAll(async () => {
	database = await openDatabase({ databaseUrl: undefined, dataDir: null, poolSize: 1 });
	await database.migrate();
	await syncFrameworks(database.db, files);
	const db = database.db;
	const [city] = await db.insert(cities).values({ slug: 'demo', name: 'Demo', locales: ['nl', 'en'], defaultLocale: 'nl', timezone: 'Europe/Amsterdam', centerLat: 51.6, centerLon: 4.8 }).returning();
	ids.city = city!.id;
	const [org] = await db.insert(organisations).values({ cityId: city!.id, name: 'Youth hub', type: 'youth_organisation', email: 'hub@example.org', status: 'approved' }).returning();
	const learners = await db
		.insert(users)
		.values(Array.from({ length: 40 }, (_, i) => ({ name: `Learner ${i}`, email: `learner${i}@example.org` })))
		.returning({ id: users.id });
	ids.learners = learners.map((row) => row.id);
	const made = await db
		.insert(activities)
		.values(['Podcast basics', 'Repair café'].map((title) => ({ cityId: city!.id, organisationId: org!.id, title: { en: title }, description: { en: title }, type: 'workshop' as const, mode: 'in_person' as const, status: 'published' as const, skills: ['lifecomp:P1', 'digcomp:3.1'] })))
		.returning({ id: activities.id });
	ids.activities = made.map((row) => row.id);
	const [playlist] = await db.insert(playlists).values({ cityId: city!.id, organisationId: org!.id, title: { en: 'Find your voice' }, description: { en: '' }, badge: { name: { en: 'Voice' }, description: { en: '' }, criteria: { en: '' } }, status: 'published' }).returning();
	ids.playlist = playlist!.id;
	await db.insert(playlistItems).values(ids.activities.map((activityId, position) => ({ playlistId: playlist!.id, cityId: city!.id, activityId, position })));
	await db.insert(playlistFollowers).values(ids.learners.slice(0, 20).map((userId, i) => ({ playlistId: playlist!.id, cityId: city!.id, userId, followedAt: new Date(now.getTime() - (300 - i * 10) * 86_400_000) })));
}, 60_000);
afterAll(() => database?.close());

describe('demo surveys', () => {
	it('creates plausible, valid answers over twelve months', async () => {
		const app = { db: database.db, frameworks, now: () => now };
		const result = await unsafeSeedDemoSurveys(app, { cityId: ids.city, learnerIds: ids.learners, activityIds: ids.activities, playlistIds: [ids.playlist], now });
		const rows = await database.db.select().from(surveys).where(eq(surveys.cityId, ids.city));
		expect(rows.map((row) => row.kind).sort()).toEqual(['activity_feedback', 'activity_feedback', 'follow_up', 'needs', 'playlist_post', 'playlist_pre']);
		expect(result.surveys).toBe(6);
		const responses = await database.db.select().from(surveyResponses);
		expect(responses.length).toBe(result.responses);
		expect((await database.db.select().from(surveyRespondents)).length).toBe(result.responses);
		const byId = new Map(rows.map((row) => [row.id, row]));
		for (const response of responses) {
			const survey = byId.get(response.surveyId)!;
			expect(checkAnswers(survey.questions, response.answers).issues, survey.kind).toEqual([]);
			expect(response.userId === null, survey.kind).toBe(survey.anonymous);
			expect(response.submittedAt.getTime()).toBeLessThanOrEqual(now.getTime());
			expect(response.submittedAt.getTime()).toBeGreaterThan(now.getTime() - 366 * 86_400_000);
		}
		const months = new Set(responses.filter((r) => byId.get(r.surveyId)!.kind === 'needs').map((r) => r.submittedAt.toISOString().slice(0, 7)));
		expect(months.size).toBeGreaterThanOrEqual(8);

		const record = (kind: string) => {
			const row = rows.find((r) => r.kind === kind)!;
			return { survey: { ...row, city: { id: ids.city, slug: 'demo', name: 'Demo', locales: ['nl', 'en'], defaultLocale: 'nl' }, organisation: null } as SurveyRecord, responses: responses.filter((r) => r.surveyId === row.id) };
		};
		const changes = competenceChanges(record('playlist_pre'), record('playlist_post'), (id) => id);
		expect(changes.map((c) => c.skillId)).toEqual(['lifecomp:P1', 'digcomp:3.1']);
		for (const change of changes) {
			expect(change.method).toBe('paired');
			expect(change.pre.answered).toBeGreaterThan(0);
			expect(change.change!).toBeGreaterThanOrEqual(0);
		}
	}, 60_000);
});
