import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	platform = await startPlatform();
	org = await approvedOrganisation(platform);
});
afterAll(() => platform?.server.stop());

const allMet = { learning_outcomes: { met: true }, skills_aligned: { met: true }, accessibility_info: { met: true }, safeguarding: { met: true, note: 'Policy on our website' }, inclusive_description: { met: true }, evidence_defined: { met: true } };

describe('quality label', () => {
	it('lets organisers self-assess against the city checklist', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		const quality = await org.owner.get(`/api/v1/activities/${activity.id}/quality`);
		expect(quality.body.checklist.map((c: { id: string }) => c.id)).toEqual(Object.keys(allMet));
		expect(quality.body.checklist[0].label.nl).toBeTruthy();
		expect((await (await signUp(platform)).put(`/api/v1/activities/${activity.id}/quality/assessment`, { answers: allMet })).status).toBe(404);
		expect((await org.owner.put(`/api/v1/activities/${activity.id}/quality/assessment`, { answers: { nonsense: { met: true } } })).status).toBe(422);
		const saved = await org.owner.put(`/api/v1/activities/${activity.id}/quality/assessment`, { answers: allMet });
		expect(saved.body).toMatchObject({ complete: true, label: false });
	});

	it('is granted and withdrawn by the city only, with a history', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		expect((await org.owner.post(`/api/v1/activities/${activity.id}/quality/review`, { decision: 'granted' })).status).toBe(403);
		const granted = await org.cityAdmin.post(`/api/v1/activities/${activity.id}/quality/review`, { decision: 'granted', comment: 'Meets the standard.' });
		expect(granted.body.label).toBe(true);
		expect((await platform.anonymous.get(`/api/v1/activities/${activity.id}`)).body.qualityLabel).toBe(true);
		const withdrawn = await org.cityAdmin.post(`/api/v1/activities/${activity.id}/quality/review`, { decision: 'withdrawn', comment: 'Safeguarding contact missing.' });
		expect(withdrawn.body.label).toBe(false);
		expect(withdrawn.body.history.map((h: { decision: string }) => h.decision)).toEqual(['withdrawn', 'granted']);
		expect(withdrawn.body.history[0]).toMatchObject({ comment: 'Safeguarding contact missing.' });
	});

	it('is only granted to published activities', async () => {
		const draft = await org.owner.post('/api/v1/activities', activityBody(org.organisation.id));
		const res = await org.cityAdmin.post(`/api/v1/activities/${draft.body.id}/quality/review`, { decision: 'granted' });
		expect(res.status).toBe(409);
	});

	it('follows a checklist the city defines itself', async () => {
		const put = await org.cityAdmin.put(`/api/v1/cities/${org.city.slug}/quality-checklist`, {
			items: [{ id: 'youth_participation', label: { nl: 'Jongeren denken mee', en: 'Young people co-design it' } }]
		});
		expect(put.status).toBe(200);
		expect((await org.owner.put(`/api/v1/cities/${org.city.slug}/quality-checklist`, { items: [{ id: 'x_y', label: { en: 'X' } }] })).status).toBe(403);
		expect((await org.cityAdmin.put(`/api/v1/cities/${org.city.slug}/quality-checklist`, { items: [] })).status).toBe(422);
		const activity = await publishedActivity(org.owner, org.organisation.id);
		const quality = await org.owner.get(`/api/v1/activities/${activity.id}/quality`);
		expect(quality.body.checklist).toEqual([expect.objectContaining({ id: 'youth_participation' })]);
		expect((await platform.anonymous.get(`/api/v1/cities/${org.city.slug}/quality-checklist`)).body.items).toHaveLength(1);
	});
});
