/** Public profiles through HTTP: the learner's settings API, and the public page and API visitors use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let learner: ApiClient & { userId: string; email: string };
let shown: string;
let revoked: string;
let hidden: string;
let othersCredential: string;

beforeAll(async () => {
	platform = await startPlatform();
	const { owner, organisation } = await approvedOrganisation(platform);
	learner = await signUp(platform, 'profile');
	const other = await signUp(platform, 'other');
	const award = async (person: ApiClient, title: string) => {
		const activity = await publishedActivity(owner, organisation.id, { title: { en: title }, skills: ['lifecomp:P2'] });
		const joined = await person.post(`/api/v1/activities/${activity.id}/enrolments`);
		return (await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential.id as string;
	};
	shown = await award(learner, 'Speak up');
	revoked = await award(learner, 'Build a stage');
	hidden = await award(learner, 'Keep it private');
	othersCredential = await award(other, 'Not mine');
	expect((await owner.post(`/api/v1/credentials/${revoked}/revoke`, { reason: 'Mistake' })).status).toBe(200);
}, 120_000);
afterAll(async () => {
	await platform?.server.stop();
});

describe('/api/v1/me/public-profile', () => {
	it('needs a signed-in learner', async () => {
		expect((await platform.anonymous.get('/api/v1/me/public-profile')).status).toBe(401);
		expect((await platform.anonymous.put('/api/v1/me/public-profile', { enabled: true })).status).toBe(401);
	});

	it('rejects malformed and invalid settings, and credentials that are not mine, saving nothing', async () => {
		expect((await learner.request('PUT', '/api/v1/me/public-profile', '{"enabled":', { 'content-type': 'application/json' })).status).toBe(400);
		const missing = await learner.put('/api/v1/me/public-profile', { displayName: 'Sam' });
		expect(missing.status).toBe(422);
		expect(missing.body.error.details[0].path).toBe('enabled');
		expect((await learner.put('/api/v1/me/public-profile', { enabled: true, headline: 'x'.repeat(201) })).status).toBe(422);
		const foreign = await learner.put('/api/v1/me/public-profile', { enabled: true, credentialIds: [shown, othersCredential] });
		expect(foreign.status).toBe(422);
		expect(foreign.body.error.details[0].path).toBe('credentialIds.1');
		expect((await learner.get('/api/v1/me/public-profile')).body).toMatchObject({ enabled: false, id: null, url: null });
	});

	it('is off until switched on, then shows the chosen credentials that are not revoked', async () => {
		expect((await learner.get('/api/v1/me/public-profile')).body).toEqual({ enabled: false, id: null, url: null, displayName: 'Test profile', headline: '', credentialIds: [] });
		const saved = await learner.put('/api/v1/me/public-profile', { enabled: true, displayName: 'Sam', headline: 'Looking for an apprenticeship', credentialIds: [shown, revoked] });
		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject({ enabled: true, displayName: 'Sam', headline: 'Looking for an apprenticeship', credentialIds: [shown, revoked] });
		expect(saved.body.url).toBe(`${platform.server.url}/profiles/${saved.body.id}`);

		const seen = await platform.anonymous.get(`/api/v1/profiles/${saved.body.id}`);
		expect(seen.status).toBe(200);
		expect(seen.body).toMatchObject({ id: saved.body.id, displayName: 'Sam', headline: 'Looking for an apprenticeship' });
		expect(seen.body.credentials.map((c: { id: string }) => c.id)).toEqual([shown]);
		expect(seen.body.credentials[0]).toMatchObject({ name: 'Speak up', status: 'valid', url: `${platform.server.url}/credentials/${shown}` });
		expect(seen.body.credentials[0].skills[0]).toMatchObject({ id: 'lifecomp:P2', framework: 'LifeComp' });

		const page = await platform.anonymous.request('GET', `/profiles/${saved.body.id}`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Speak up');
		expect(page.body).not.toContain('Build a stage');
		expect(page.body).not.toContain('Keep it private');
		expect(page.body).not.toContain(learner.email);
	});

	it('answers 404 once switched off, and keeps its address for when it is switched on again', async () => {
		const before = (await learner.get('/api/v1/me/public-profile')).body;
		expect((await learner.put('/api/v1/me/public-profile', { enabled: false })).status).toBe(200);
		expect((await platform.anonymous.get(`/api/v1/profiles/${before.id}`)).status).toBe(404);
		expect((await platform.anonymous.request('GET', `/profiles/${before.id}`)).status).toBe(404);
		// Fields left out stay as they were.
		const again = await learner.put('/api/v1/me/public-profile', { enabled: true });
		expect(again.body).toMatchObject({ id: before.id, displayName: 'Sam', credentialIds: [shown, revoked] });
		expect((await platform.anonymous.get(`/api/v1/profiles/${before.id}`)).status).toBe(200);
		expect(hidden).toBeTruthy();
	});

	it('answers 404 for unknown and malformed profile ids', async () => {
		expect((await platform.anonymous.get('/api/v1/profiles/00000000-0000-4000-8000-000000000000')).status).toBe(404);
		const malformed = await platform.anonymous.get('/api/v1/profiles/not-an-id');
		expect(malformed.status).toBe(404);
		expect(malformed.body.error.code).toBe('not_found');
	});
});
