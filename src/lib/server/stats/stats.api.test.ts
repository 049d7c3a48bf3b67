/**
 * The dashboards through HTTP: a city with three organisations, five activities, three learners, a
 * playlist and a badge waiting at an e-mail address, made through the API; then each figure of the
 * city's and each organisation's dashboard, the targets, the open data and every refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../../tests/support/api';
import { activityBody, approvedOrganisation, createOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let other: Awaited<ReturnType<typeof approvedOrganisation>>;
let org2: { id: string; owner: ApiClient };
const act: Record<string, string> = {};
let playlistId = '';
const year = new Date().getUTCFullYear();
const thisMonth = new Date().toISOString().slice(0, 7);

const allMet = { learning_outcomes: { met: true }, skills_aligned: { met: true }, accessibility_info: { met: true }, safeguarding: { met: true }, inclusive_description: { met: true }, evidence_defined: { met: true } };

async function join(learner: ApiClient, activityId: string) {
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	expect(joined.status, JSON.stringify(joined.body)).toBe(201);
	return joined.body.enrolment.id as string;
}
async function award(owner: ApiClient, enrolmentId: string) {
	const awarded = await owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
	expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
}
async function approved(cityAdmin: ApiClient, citySlug: string) {
	const owner = await signUp(platform, 'org-owner');
	const org = await createOrganisation(owner, citySlug);
	expect((await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).status).toBe(200);
	return { id: org.id, owner };
}

beforeAll(async () => {
	// Every figure is read right after the change it counts: no reuse of earlier figures.
	platform = await startPlatform({ STATS_CACHE_SECONDS: '0' });
	setup = await approvedOrganisation(platform);
	other = await approvedOrganisation(platform);
	const { owner, organisation, cityAdmin, city } = setup;
	org2 = await approved(cityAdmin, city.slug);
	await approved(cityAdmin, city.slug); // approved, but neither publishes nor awards: not active
	await createOrganisation(await signUp(platform, 'applicant'), city.slug); // pending: not a provider

	act.one = (await publishedActivity(owner, organisation.id, { skills: ['lifecomp:P2', 'digcomp:1.1'] })).id;
	act.two = (await publishedActivity(owner, organisation.id, { mode: 'online', location: undefined, url: 'https://meet.example.org/x', international: true, skills: ['digcomp:1.1'] })).id;
	act.three = (await publishedActivity(owner, organisation.id, { mode: 'hybrid', url: 'https://meet.example.org/y', skills: [] })).id;
	expect((await owner.post('/api/v1/activities', activityBody(organisation.id))).status).toBe(201); // a draft: not on offer
	act.five = (await publishedActivity(org2.owner, org2.id, { skills: [] })).id;
	act.elsewhere = (await publishedActivity(other.owner, other.organisation.id)).id;
	expect((await owner.put(`/api/v1/activities/${act.one}/quality/assessment`, { answers: allMet })).status).toBe(200);
	expect((await cityAdmin.post(`/api/v1/activities/${act.one}/quality/review`, { decision: 'granted' })).status).toBe(200);

	const playlist = await owner.post('/api/v1/playlists', {
		organisationId: organisation.id,
		city: city.slug,
		title: { en: 'Digital starter' },
		description: { en: 'Two steps.' },
		items: [
			{ activityId: act.one, required: true },
			{ activityId: act.three, required: true }
		]
	});
	expect(playlist.status, JSON.stringify(playlist.body)).toBe(201);
	playlistId = playlist.body.id;
	expect((await owner.post(`/api/v1/playlists/${playlistId}/publish`)).status).toBe(200);

	// Learner 1: 16, wants two skills, states a need and agrees to be counted; completes one of two.
	const l1 = await signUp(platform, 'learner1');
	expect((await l1.put('/api/v1/me/learning-profile', { birthYear: year - 16, skillNeeds: ['digcomp:1.1', 'lifecomp:P1'], accessibilityNeeds: ['captions'], inclusionStatsConsent: true })).status).toBe(200);
	expect((await l1.post(`/api/v1/playlists/${playlistId}/follow`)).status).toBeLessThan(300);
	await award(owner, await join(l1, act.one));
	await join(l1, act.two);
	// Learner 2: 20, states a need without consent; joins an activity of each organisation.
	const l2 = await signUp(platform, 'learner2');
	expect((await l2.put('/api/v1/me/learning-profile', { birthYear: year - 20, skillNeeds: ['digcomp:1.1'], accessibilityNeeds: ['sign_language'] })).status).toBe(200);
	await join(l2, act.two);
	await join(l2, act.five);
	// Learner 3: no profile; follows the playlist and completes it (two badges, then the playlist's).
	const l3 = await signUp(platform, 'learner3');
	expect((await l3.post(`/api/v1/playlists/${playlistId}/follow`)).status).toBeLessThan(300);
	await award(owner, await join(l3, act.one));
	await award(owner, await join(l3, act.three));
	// Someone else's city: never counted here.
	await join(await signUp(platform, 'elsewhere'), act.elsewhere);
	// A badge for an e-mail address without an account yet: issued, not claimed.
	const bulk = await owner.post(`/api/v1/activities/${act.two}/awards`, { recipients: [{ email: `newcomer-${Date.now()}@example.org` }] });
	expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
	for (let i = 0; (await owner.get(new URL(bulk.body.url).pathname)).body.status !== 'done'; i++) {
		if (i > 200) throw new Error('The bulk award did not finish.');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	// The playlist badge may follow the last activity badge's answer: wait until it is there.
	for (let i = 0; ; i++) {
		const stats = await cityAdmin.get(`/api/v1/cities/${city.slug}/stats`);
		expect(stats.status, JSON.stringify(stats.body)).toBe(200);
		if (stats.body.badges.issued >= 5) break;
		if (i > 100) throw new Error('The playlist badge was not awarded.');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
});
afterAll(() => platform?.server.stop());

describe('GET /api/v1/cities/{slug}/stats', () => {
	it('refuses visitors, learners, organisers and other cities’ admins, unknown cities and bad periods', async () => {
		const path = `/api/v1/cities/${setup.city.slug}/stats`;
		expect((await platform.anonymous.get(path)).body.error.code).toBe('unauthenticated');
		expect((await (await signUp(platform)).get(path)).status).toBe(403);
		expect((await setup.owner.get(path)).status).toBe(403);
		expect((await other.cityAdmin.get(path)).status).toBe(403);
		expect((await setup.cityAdmin.get('/api/v1/cities/no-such-city/stats')).status).toBe(404);
		const reversed = await setup.cityAdmin.get(`${path}?from=2026-05-01&to=2026-04-01`);
		expect(reversed.status).toBe(422);
		expect(reversed.body.error.details[0]).toMatchObject({ path: 'to' });
		expect((await setup.cityAdmin.get(`${path}?from=yesterday`)).body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'from' }] });
	});

	it('counts every figure of the city for the last twelve months', async () => {
		const res = await setup.cityAdmin.get(`/api/v1/cities/${setup.city.slug}/stats`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const s = res.body;
		expect(s.organisation).toBeNull();
		expect(s.providers).toEqual({ approved: 3, active: 2 });
		expect(s.learners).toEqual({ registered: 3, new: 3, active: 3, byAge: { under15: 0, '15to17': 1, '18to24': 1, '25to29': 0, '30plus': 0, unknown: 1 } });
		expect(s.activities).toEqual({
			offered: 4,
			published: 4,
			online: 2,
			international: 1,
			qualityLabel: 1,
			withSkills: 2,
			shares: { online: 50, international: 25, qualityLabel: 25, withSkills: 50 }
		});
		expect(s.skills.frameworks.map((f: { id: string; supply: number; demand: number; gap: number }) => [f.id, f.supply, f.demand, f.gap])).toEqual([
			['digcomp', 2, 2, 0],
			['lifecomp', 1, 1, 0]
		]);
		expect(s.skills.competences.map((c: { id: string; supply: number; demand: number; gap: number }) => [c.id, c.supply, c.demand, c.gap])).toEqual([
			['digcomp:1.1', 2, 2, 0],
			['lifecomp:P1', 0, 1, 1],
			['lifecomp:P2', 1, 0, -1]
		]);
		expect(s.skills.competences[0].name).toMatch(/1\.1/);
		expect(s.enrolments).toEqual({ made: 6, completed: 3, completionRate: 50 });
		expect(s.badges).toEqual({ issued: 5, claimed: 4 });
		expect(s.playlists).toEqual({ published: 1, funnels: [{ id: playlistId, title: 'Digital starter', followers: 2, started: 2, completed: 1 }] });
		expect(s.trends).toHaveLength(12);
		expect(s.trends.at(-1)).toEqual({ month: thisMonth, newLearners: 3, activitiesPublished: 4, enrolments: 6, completions: 3, badgesIssued: 5 });
		expect(s.trends.slice(0, -1).every((t: { month: string } & Record<string, number>) => Object.entries(t).every(([key, value]) => key === "month" || value === 0))).toBe(true);
		// One learner stated needs with consent: too few to show.
		expect(s.inclusion).toEqual({
			learners: { value: null, suppressed: true },
			active: { value: null, suppressed: true },
			enrolments: { value: null, suppressed: true },
			completions: { value: null, suppressed: true },
			completionRate: null
		});
		expect(s.targets).toEqual([]);
	});

	it('counts nothing in a period before everything happened', async () => {
		const s = (await platform.admin.get(`/api/v1/cities/${setup.city.slug}/stats?from=2020-01-01&to=2020-12-31`)).body;
		expect(s.period).toEqual({ from: '2020-01-01', to: '2020-12-31' });
		expect(s.providers).toEqual({ approved: 0, active: 0 });
		expect(s.learners.registered).toBe(0);
		expect(s.activities.offered).toBe(0);
		expect(s.activities.shares.withSkills).toBeNull();
		expect(s.enrolments).toEqual({ made: 0, completed: 0, completionRate: null });
		expect(s.badges).toEqual({ issued: 0, claimed: 0 });
		expect(s.playlists.funnels[0]).toMatchObject({ followers: 0, started: 0, completed: 0 });
		expect(s.trends.map((t: { month: string }) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`));
	});
});

describe('city targets', () => {
	it('are read and set by the city’s admins only, validated, and shown as progress', async () => {
		const path = `/api/v1/cities/${setup.city.slug}/targets`;
		const targets = [
			{ metric: 'activities_with_skills_share', target: 50 },
			{ metric: 'learners_registered', target: 1000 }
		];
		expect((await platform.anonymous.put(path, { targets })).status).toBe(401);
		expect((await setup.owner.put(path, { targets })).status).toBe(403);
		expect((await other.cityAdmin.get(path)).status).toBe(403);
		expect((await setup.cityAdmin.put(path, { targets: [{ metric: 'activities_online_share', target: 120 }] })).body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'targets.0.target' }] });
		expect((await setup.cityAdmin.put(path, { targets: [{ metric: 'happiness', target: 1 }] })).status).toBe(422);
		expect((await setup.cityAdmin.get(path)).body).toEqual({ targets: [] });
		const saved = await setup.cityAdmin.put(path, { targets });
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		expect(saved.body.targets).toEqual([
			{ metric: 'activities_with_skills_share', kind: 'share', target: 50 },
			{ metric: 'learners_registered', kind: 'count', target: 1000 }
		]);
		const stats = (await setup.cityAdmin.get(`/api/v1/cities/${setup.city.slug}/stats`)).body;
		expect(stats.targets).toEqual([
			{ metric: 'activities_with_skills_share', kind: 'share', target: 50, actual: 50, progress: 100 },
			{ metric: 'learners_registered', kind: 'count', target: 1000, actual: 3, progress: 0.3 }
		]);
	});
});

describe('GET /api/v1/organisations/{id}/stats', () => {
	it('refuses visitors, learners, other organisations and other cities’ admins', async () => {
		const path = `/api/v1/organisations/${setup.organisation.id}/stats`;
		expect((await platform.anonymous.get(path)).status).toBe(401);
		expect((await (await signUp(platform)).get(path)).status).toBe(403);
		expect((await org2.owner.get(path)).status).toBe(403);
		expect((await other.cityAdmin.get(path)).status).toBe(403);
		expect((await setup.owner.get('/api/v1/organisations/00000000-0000-4000-8000-000000000000/stats')).status).toBe(404);
	});

	it('counts only the organisation’s activities, learners, badges and playlists', async () => {
		const mine = (await setup.owner.get(`/api/v1/organisations/${setup.organisation.id}/stats`)).body;
		expect(mine.organisation).toEqual({ id: setup.organisation.id, name: expect.any(String) });
		expect(mine.providers).toBeNull();
		expect(mine.learners).toMatchObject({ registered: 3, active: 3 });
		expect(mine.activities).toMatchObject({ offered: 3, online: 2, international: 1, qualityLabel: 1, withSkills: 2 });
		expect(mine.enrolments).toEqual({ made: 5, completed: 3, completionRate: 60 });
		expect(mine.badges).toEqual({ issued: 5, claimed: 4 });
		expect(mine.playlists.funnels).toHaveLength(1);
		expect(mine.targets).toEqual([]);

		const theirs = (await setup.cityAdmin.get(`/api/v1/organisations/${org2.id}/stats`)).body;
		expect(theirs.learners).toEqual({ registered: 1, new: 1, active: 1, byAge: { under15: 0, '15to17': 0, '18to24': 1, '25to29': 0, '30plus': 0, unknown: 0 } });
		expect(theirs.activities).toMatchObject({ offered: 1, online: 0, withSkills: 0, shares: { withSkills: 0 } });
		expect(theirs.skills.competences.map((c: { id: string; supply: number; demand: number }) => [c.id, c.supply, c.demand])).toEqual([['digcomp:1.1', 0, 1]]);
		expect(theirs.enrolments).toEqual({ made: 1, completed: 0, completionRate: 0 });
		expect(theirs.badges).toEqual({ issued: 0, claimed: 0 });
		expect(theirs.playlists).toEqual({ published: 0, funnels: [] });
	});
});

describe('GET /api/v1/cities/{slug}/open-data', () => {
	it('publishes aggregates to anyone, hiding counts from 1 to 4 and naming no one', async () => {
		const res = await platform.anonymous.get(`/api/v1/cities/${setup.city.slug}/open-data`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.suppressionThreshold).toBe(5);
		expect(res.body.figures.learnersRegistered).toEqual({ value: null, suppressed: true });
		expect(res.body.figures.enrolments).toEqual({ value: 6, suppressed: false });
		expect(res.body.figures.badgesIssued).toEqual({ value: 5, suppressed: false });
		expect(res.body.figures.activitiesOffered).toEqual({ value: null, suppressed: true });
		expect(res.body.shares).toEqual({ online: 50, international: 25, qualityLabel: 25, withSkills: 50 });
		expect(res.body.trends[0].enrolments).toEqual({ value: 0, suppressed: false });
		const text = JSON.stringify(res.body);
		for (const personal of ['Digital starter', 'learner1', 'Youth Hub', '@']) expect(text).not.toContain(personal);
		expect((await platform.anonymous.get('/api/v1/cities/no-such-city/open-data')).status).toBe(404);
	});
});
