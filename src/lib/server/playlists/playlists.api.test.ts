/**
 * Playlists through HTTP: an organisation builds a pathway of activities (its own and other
 * organisations' published ones), publishes it, the city features it; a learner follows it, sees
 * "2 of 3" and what is next, and receives the playlist badge once, automatically, when the rules are
 * met, by any award path, including awards made before following.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, createOrganisation, publishedActivity, activityBody, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { thirdPartyVerify } from '../../../../tests/support/third-party-verify';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let other: { owner: ApiClient; organisationId: string };
const activity: Record<'a' | 'b' | 'c' | 'othersDraft' | 'othersPublished', string> = { a: '', b: '', c: '', othersDraft: '', othersPublished: '' };

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activity.a = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Stage fright workshop' }, skills: ['lifecomp:P1'] })).id;
	activity.b = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Podcast basics' }, skills: ['digcomp:3.1'] })).id;
	activity.c = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Speak at the youth council' } })).id;
	const owner = await signUp(platform, 'other-owner');
	const org = await createOrganisation(owner, setup.city.slug);
	expect((await setup.cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).status).toBe(200);
	other = { owner, organisationId: org.id };
	activity.othersPublished = (await publishedActivity(owner, org.id, { title: { en: 'Library debate club' } })).id;
	const draft = await owner.post('/api/v1/activities', activityBody(org.id, { title: { en: 'Unfinished' } }));
	activity.othersDraft = draft.body.id;
});
afterAll(() => platform?.server.stop());

const body = (overrides: Record<string, unknown> = {}) => ({
	organisationId: setup.organisation.id,
	city: setup.city.slug,
	title: { en: 'Find your voice', nl: 'Vind je stem' },
	description: { en: 'Three steps to speaking up.' },
	items: [
		{ activityId: activity.a, required: true },
		{ activityId: activity.b, required: false },
		{ activityId: activity.c, required: true }
	],
	requiredCount: 2,
	...overrides
});

async function publishedPlaylist(overrides: Record<string, unknown> = {}) {
	const created = await setup.owner.post('/api/v1/playlists', body(overrides));
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	const published = await setup.owner.post(`/api/v1/playlists/${created.body.id}/publish`);
	expect(published.status, JSON.stringify(published.body)).toBe(200);
	return published.body as { id: string };
}

async function award(learner: ApiClient, activityId: string) {
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	expect(joined.status, JSON.stringify(joined.body)).toBe(201);
	const awarded = await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
	expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
	return awarded.body.credential as { id: string; url: string };
}

const progressOf = async (learner: ApiClient, playlistId: string) =>
	(await learner.get('/api/v1/me/playlists')).body.items.find((item: { playlist: { id: string } }) => item.playlist.id === playlistId);

describe('building a playlist', () => {
	it('refuses visitors, outsiders and bad input, creating nothing', async () => {
		expect((await platform.anonymous.post('/api/v1/playlists', body())).status).toBe(401);
		const outsider = await signUp(platform, 'outsider');
		expect((await outsider.post('/api/v1/playlists', body())).status).toBe(403);
		const cases: [Record<string, unknown>, string, string][] = [
			[{ items: [{ activityId: activity.othersDraft }] }, 'items.0.activityId', 'activity_not_public'],
			[{ items: [{ activityId: crypto.randomUUID() }] }, 'items.0.activityId', 'unknown_activity'],
			[{ items: [{ activityId: activity.a }, { activityId: activity.a }] }, 'items', 'duplicate_item'],
			[{ requiredCount: 4 }, 'requiredCount', 'required_count'],
			[{ requiredCount: 1 }, 'requiredCount', 'required_count'],
			[{ title: {} }, 'title', 'required'],
			[{ skills: ['nonsense:1'] }, 'skills.0', 'unknown_skill']
		];
		for (const [overrides, path, code] of cases) {
			const res = await setup.owner.post('/api/v1/playlists', body(overrides));
			expect(res.status, JSON.stringify(overrides)).toBe(422);
			expect(res.body.error.details, JSON.stringify(res.body)).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
		}
		const elsewhere = await approvedOrganisation(platform);
		const foreign = await setup.owner.post('/api/v1/playlists', body({ city: elsewhere.city.slug }));
		expect(foreign.body.error.details[0]).toMatchObject({ path: 'city', code: 'city_mismatch' });
		const listed = await setup.owner.get(`/api/v1/playlists?organisation=${setup.organisation.id}&status=draft&limit=100`);
		expect(listed.body.total).toBe(0);
	});

	it('creates a draft with other organisations’ published activities, publishes it, and the city features it', async () => {
		const created = await setup.owner.post('/api/v1/playlists', body({ items: [{ activityId: activity.a }, { activityId: activity.othersPublished, required: false }], requiredCount: null, ordered: true }));
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({
			status: 'draft',
			ordered: true,
			requiredCount: 2,
			skills: expect.arrayContaining(['lifecomp:P1']),
			items: [
				{ activityId: activity.a, position: 0, required: true, status: 'published' },
				{ activityId: activity.othersPublished, position: 1, required: false, organisation: { id: other.organisationId } }
			],
			badge: { name: { en: 'Find your voice', nl: 'Vind je stem' }, image: `${platform.server.url}/playlists/${created.body.id}/badge.png` }
		});
		expect(created.body.badge.criteria.en).toContain('Find your voice');
		// A draft is private.
		expect((await platform.anonymous.get(`/api/v1/playlists/${created.body.id}`)).status).toBe(404);
		expect((await setup.cityAdmin.get(`/api/v1/playlists/${created.body.id}`)).status).toBe(200);
		expect((await setup.cityAdmin.post(`/api/v1/playlists/${created.body.id}/feature`, { featured: true })).status).toBe(409);

		const published = await setup.owner.post(`/api/v1/playlists/${created.body.id}/publish`);
		expect(published.body.status).toBe('published');
		expect((await setup.owner.post(`/api/v1/playlists/${created.body.id}/publish`)).status).toBe(409);
		expect((await setup.owner.post(`/api/v1/playlists/${created.body.id}/feature`, { featured: true })).status).toBe(403);
		const featured = await setup.cityAdmin.post(`/api/v1/playlists/${created.body.id}/feature`, { featured: true });
		expect(featured.body.featured).toBe(true);
		const list = await platform.anonymous.get(`/api/v1/playlists?city=${setup.city.slug}&featured=true`);
		expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);

		const archived = await setup.owner.post(`/api/v1/playlists/${created.body.id}/archive`);
		expect(archived.body).toMatchObject({ status: 'archived', featured: false });
		expect((await platform.anonymous.get(`/api/v1/playlists?city=${setup.city.slug}`)).body.items.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
		const learner = await signUp(platform, 'late');
		expect((await learner.post(`/api/v1/playlists/${created.body.id}/follow`)).status).toBe(409);
	});

	it('publishes only when every activity is published', async () => {
		const own = await setup.owner.post('/api/v1/activities', activityBody(setup.organisation.id, { title: { en: 'Not yet' } }));
		const created = await setup.owner.post('/api/v1/playlists', body({ items: [{ activityId: activity.a }, { activityId: own.body.id }], requiredCount: null }));
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const refused = await setup.owner.post(`/api/v1/playlists/${created.body.id}/publish`);
		expect(refused.status).toBe(409);
		expect(refused.body.error.message).toContain('Not yet');
		const changed = await setup.owner.patch(`/api/v1/playlists/${created.body.id}`, { items: [{ activityId: activity.a }] });
		expect(changed.body.items).toHaveLength(1);
		expect((await setup.owner.post(`/api/v1/playlists/${created.body.id}/publish`)).status).toBe(200);
		expect((await other.owner.patch(`/api/v1/playlists/${created.body.id}`, { ordered: true })).status).toBe(403);
	});
});

describe('following a playlist', () => {
	it('shows progress and what is next, and issues the badge once when the rules are met', async () => {
		const playlist = await publishedPlaylist({ ordered: true });
		const learner = await signUp(platform, 'follower');
		expect((await platform.anonymous.post(`/api/v1/playlists/${playlist.id}/follow`)).status).toBe(401);
		const followed = await learner.post(`/api/v1/playlists/${playlist.id}/follow`);
		expect(followed.status, JSON.stringify(followed.body)).toBe(200);
		expect(followed.body).toMatchObject({ completed: 0, needed: 2, total: 3, complete: false, next: { activityId: activity.a }, credential: null });
		// Ordered: what follows the first (required) item waits for it.
		expect(followed.body.items.map((i: { locked: boolean }) => i.locked)).toEqual([false, true, true]);

		const first = await award(learner, activity.a);
		let progress = await progressOf(learner, playlist.id);
		expect(progress).toMatchObject({ completed: 1, needed: 2, next: { activityId: activity.c }, credential: null });
		// The optional second item does not hold back the third.
		expect(progress.items.map((i: { locked: boolean }) => i.locked)).toEqual([false, false, false]);
		// The optional item does not complete it: the required third is still missing.
		await award(learner, activity.b);
		expect((await progressOf(learner, playlist.id)).credential).toBeNull();
		const third = await award(learner, activity.c);
		progress = await progressOf(learner, playlist.id);
		expect(progress).toMatchObject({ completed: 3, complete: true, next: null, credential: { id: expect.any(String) } });

		const credential = await (await fetch(`${progress.credential.url}.json`)).json();
		expect(credential.credentialSubject.achievement).toMatchObject({ id: `${platform.server.url}/playlists/${playlist.id}#badge`, name: 'Vind je stem' });
		expect(credential.credentialSubject.achievement.image.id).toBe(`${platform.server.url}/playlists/${playlist.id}/badge.png`);
		expect(credential.evidence.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([first.url, third.url]));
		expect((await thirdPartyVerify(platform.server.url, credential)).verified).toBe(true);
		expect((await platform.anonymous.post('/api/v1/verify', { credential })).body.valid).toBe(true);
		const mail = await platform.server.waitForMail((m) => m.to === learner.email && m.text.includes(progress.credential.url));
		// In the city's language, as the learner chose none.
		expect(mail.subject).toContain('Vind je stem');
		const badge = await fetch(`${platform.server.url}/playlists/${playlist.id}/badge.png`);
		expect(badge.headers.get('content-type')).toBe('image/png');
		// The Open Badges 2.0 hosted view of the same award resolves too.
		const assertionUrl = `${platform.server.url}/ob2/assertions/${progress.credential.id}`;
		const assertion = await (await fetch(assertionUrl)).json();
		const badgeClass = await (await fetch(assertion.badge)).json();
		expect(badgeClass).toMatchObject({ type: 'BadgeClass', name: 'Vind je stem', criteria: { id: `${platform.server.url}/playlists/${playlist.id}` } });
		expect(badgeClass.alignment.map((a: { targetCode: string }) => a.targetCode)).toEqual(expect.arrayContaining(['P1', '3.1']));
		expect((await fetch(assertion.image)).headers.get('content-type')).toBe('image/png');
		expect((await platform.anonymous.post('/api/v1/verify', { url: assertionUrl })).body.valid).toBe(true);

		// Following again, or another award, never issues a second one.
		await learner.post(`/api/v1/playlists/${playlist.id}/follow`);
		const mine = (await learner.get('/api/v1/me/credentials')).body.items.filter((c: { id: string }) => c.id === progress.credential.id);
		expect(mine).toHaveLength(1);
	});

	it('counts badges earned before following, and issues at once', async () => {
		const playlist = await publishedPlaylist();
		const learner = await signUp(platform, 'earlier');
		await award(learner, activity.a);
		await award(learner, activity.c);
		const followed = await learner.post(`/api/v1/playlists/${playlist.id}/follow`);
		expect(followed.body).toMatchObject({ completed: 2, complete: true, credential: { id: expect.any(String) } });
		// Unfollowing keeps the badge.
		expect((await learner.delete(`/api/v1/playlists/${playlist.id}/follow`)).status).toBe(204);
		expect((await learner.delete(`/api/v1/playlists/${playlist.id}/follow`)).status).toBe(404);
		expect((await learner.get(`/api/v1/me/credentials`)).body.items.map((c: { id: string }) => c.id)).toContain(followed.body.credential.id);
	});

	it('issues one badge when the last two awards arrive at the same time', async () => {
		const playlist = await publishedPlaylist({ requiredCount: null, items: [{ activityId: activity.a }, { activityId: activity.c }] });
		const learner = await signUp(platform, 'race');
		await learner.post(`/api/v1/playlists/${playlist.id}/follow`);
		await Promise.all([award(learner, activity.a), award(learner, activity.c)]);
		const progress = await progressOf(learner, playlist.id);
		expect(progress.credential, JSON.stringify(progress)).not.toBeNull();
		const held = (await learner.get('/api/v1/me/credentials')).body.items.filter((c: { credential: { credentialSubject: { achievement: { id: string } } } }) => c.credential.credentialSubject.achievement.id.includes(playlist.id));
		expect(held).toHaveLength(1);
	});
});

describe('a playlist the city owns', () => {
	it('is built by city admins through the city office, from providers’ activities, and its badge is issued in the city’s name', async () => {
		const city = (await platform.anonymous.get(`/api/v1/cities/${setup.city.slug}`)).body;
		const officeId = city.officeOrganisationId as string;
		expect(officeId).toEqual(expect.any(String));
		const office = await setup.cityAdmin.get(`/api/v1/organisations/${officeId}`);
		expect(office.body).toMatchObject({ kind: 'city_office', name: city.name, status: 'approved' });
		// The office is the city, not a provider: no review queue or directory lists it.
		const listed = (await setup.cityAdmin.get(`/api/v1/organisations?city=${setup.city.slug}`)).body.items.map((o: { id: string }) => o.id);
		expect(listed).not.toContain(officeId);
		expect(listed).toContain(setup.organisation.id);

		const cityBody = body({ organisationId: officeId, title: { en: 'City pathway' }, requiredCount: null, items: [{ activityId: activity.a }, { activityId: activity.othersPublished }] });
		// An organiser of a provider cannot build in the city's name.
		expect((await setup.owner.post('/api/v1/playlists', cityBody)).status).toBe(403);
		const created = await setup.cityAdmin.post('/api/v1/playlists', cityBody);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect((await setup.cityAdmin.post(`/api/v1/playlists/${created.body.id}/publish`)).status).toBe(200);
		expect((await setup.cityAdmin.post(`/api/v1/playlists/${created.body.id}/feature`, { featured: true })).status).toBe(200);

		const learner = await signUp(platform, 'city-follower');
		await learner.post(`/api/v1/playlists/${created.body.id}/follow`);
		await award(learner, activity.a);
		const joined = await learner.post(`/api/v1/activities/${activity.othersPublished}/enrolments`);
		expect((await other.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
		const progress = await progressOf(learner, created.body.id);
		expect(progress).toMatchObject({ complete: true, credential: { id: expect.any(String) } });
		const credential = await (await fetch(`${progress.credential.url}.json`)).json();
		expect(credential.issuer).toMatchObject({ id: expect.stringContaining(officeId), name: city.name });
		expect((await thirdPartyVerify(platform.server.url, credential)).verified).toBe(true);
	});
});
