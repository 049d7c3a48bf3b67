import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let ids: Record<string, string>;

beforeAll(async () => {
	platform = await startPlatform();
	const org = await approvedOrganisation(platform);
	ids = {
		creative: (await publishedActivity(org.owner, org.organisation.id, { title: { en: 'Creative writing' }, skills: ['entrecomp:1.2'], accessibility: ['step_free_access'] })).id,
		coding: (await publishedActivity(org.owner, org.organisation.id, { title: { en: 'Coding' }, skills: ['digcomp:3.4'], accessibility: [] })).id,
		adults: (await publishedActivity(org.owner, org.organisation.id, { title: { en: 'For adults' }, skills: ['entrecomp:1.2'], ageMin: 30, ageMax: 99, accessibility: ['step_free_access'] })).id
	};
});
afterAll(() => platform?.server.stop());

describe('learning profile and recommendations', () => {
	it('validates and stores the learning profile', async () => {
		const learner = await signUp(platform);
		expect((await learner.put('/api/v1/me/learning-profile', { skillNeeds: ['bogus:1'] })).status).toBe(422);
		expect((await learner.put('/api/v1/me/learning-profile', { home: { lat: 100, lon: 0 } })).status).toBe(422);
		const saved = await learner.put('/api/v1/me/learning-profile', { birthYear: 2008, languages: ['nl'], skillNeeds: ['entrecomp:1'], accessibilityNeeds: ['step_free_access'] });
		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject({ birthYear: 2008, skillNeeds: ['entrecomp:1'], home: null });
		expect((await platform.anonymous.get('/api/v1/me/learning-profile')).status).toBe(401);
	});

	it('suggests the soonest activities to a learner who told nothing', async () => {
		const res = await (await signUp(platform)).get('/api/v1/me/recommendations');
		expect(res.status).toBe(200);
		expect(res.body.items.length).toBeGreaterThan(0);
	});

	it('ranks by wanted skills, leaves out what does not fit, and says why', async () => {
		const learner = await signUp(platform);
		await learner.put('/api/v1/me/learning-profile', { birthYear: new Date().getUTCFullYear() - 17, skillNeeds: ['entrecomp:1'], accessibilityNeeds: ['step_free_access'] });
		const res = await learner.get('/api/v1/me/recommendations');
		const order = res.body.items.map((i: { activity: { id: string } }) => i.activity.id);
		expect(order[0]).toBe(ids.creative);
		expect(order).not.toContain(ids.adults); // too young
		expect(order).not.toContain(ids.coding); // no step-free access
		const reasons = res.body.items[0].reasons.map((r: { code: string }) => r.code);
		expect(reasons).toEqual(expect.arrayContaining(['skill', 'age', 'accessibility']));

		await learner.post(`/api/v1/activities/${ids.creative}/enrolments`);
		const after = await learner.get('/api/v1/me/recommendations');
		expect(after.body.items.map((i: { activity: { id: string } }) => i.activity.id)).not.toContain(ids.creative);
	});
});
