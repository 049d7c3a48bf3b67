/**
 * A city's guardian-consent rule through HTTP: under the city's age a learner cannot join until a
 * guardian has consented through the mailed link; a learner who has not given a birth year is asked
 * for it; adults and other cities are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let strict: Awaited<ReturnType<typeof approvedOrganisation>>;
let strictActivity: string;
let relaxedActivity: string;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
	platform = await startPlatform();
	strict = await approvedOrganisation(platform);
	strictActivity = (await publishedActivity(strict.owner, strict.organisation.id, { title: { en: 'Skate park design' } })).id;
	const relaxed = await approvedOrganisation(platform);
	relaxedActivity = (await publishedActivity(relaxed.owner, relaxed.organisation.id, { title: { en: 'Open mic' } })).id;
});
afterAll(() => platform?.server.stop());

const linkIn = (text: string) => /\/guardian-consent\/([\w-]+)/.exec(text)?.[1];

describe('a city that asks for a guardian’s consent', () => {
	it('is set by city admins only, within sensible ages', async () => {
		expect((await strict.owner.patch(`/api/v1/cities/${strict.city.slug}`, { guardianConsentUnder: 16 })).status).toBe(403);
		expect((await strict.cityAdmin.patch(`/api/v1/cities/${strict.city.slug}`, { guardianConsentUnder: 99 })).status).toBe(422);
		const saved = await strict.cityAdmin.patch(`/api/v1/cities/${strict.city.slug}`, { guardianConsentUnder: 16 });
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		expect(saved.body.guardianConsentUnder).toBe(16);
	});

	it('asks for a birth year first, and lets adults and other cities’ activities through', async () => {
		const unknownAge = await signUp(platform, 'unknown-age');
		const refused = await unknownAge.post(`/api/v1/activities/${strictActivity}/enrolments`);
		expect(refused.status).toBe(403);
		expect(refused.body.error.code).toBe('age_required');
		expect((await unknownAge.get('/api/v1/me/enrolments')).body.items).toEqual([]);
		const adult = await signUp(platform, 'adult');
		await adult.put('/api/v1/me/learning-profile', { birthYear: year - 30 });
		expect((await adult.post(`/api/v1/activities/${strictActivity}/enrolments`)).status).toBe(201);
		const young = await signUp(platform, 'young-elsewhere');
		await young.put('/api/v1/me/learning-profile', { birthYear: year - 13 });
		expect((await young.post(`/api/v1/activities/${relaxedActivity}/enrolments`)).status).toBe(201);
	});

	it('lets a young learner join once a guardian consents through the mailed link, once', async () => {
		const young = await signUp(platform, 'young');
		// Born 16 years ago: maybe 15 still, so the rule applies.
		await young.put('/api/v1/me/learning-profile', { birthYear: year - 16 });
		const refused = await young.post(`/api/v1/activities/${strictActivity}/enrolments`);
		expect(refused.status).toBe(403);
		expect(refused.body.error).toMatchObject({ code: 'guardian_consent_required', details: { under: 16 } });
		expect((await young.get('/api/v1/me/guardian-consent')).body.status).toBe('none');

		expect((await platform.anonymous.post('/api/v1/me/guardian-consent', { guardianName: 'Ann', guardianEmail: 'ann@example.org' })).status).toBe(401);
		expect((await young.post('/api/v1/me/guardian-consent', { guardianName: '', guardianEmail: 'not an address' })).status).toBe(422);
		const own = await young.post('/api/v1/me/guardian-consent', { guardianName: 'Me', guardianEmail: young.email });
		expect(own.status).toBe(422);
		expect(own.body.error.details[0]).toMatchObject({ path: 'guardianEmail', code: 'own_email' });
		expect((await young.get('/api/v1/me/guardian-consent')).body.status).toBe('none');

		const asked = await young.post('/api/v1/me/guardian-consent', { guardianName: 'Ann Parent', guardianEmail: 'Ann.Parent@example.org' });
		expect(asked.status, JSON.stringify(asked.body)).toBe(202);
		expect(asked.body).toMatchObject({ status: 'requested', guardianName: 'Ann Parent', guardianEmail: 'ann.parent@example.org', confirmedAt: null });
		const mail = await platform.server.waitForMail((m) => m.to === 'ann.parent@example.org');
		const token = linkIn(mail.text);
		expect(token).toBeDefined();
		expect((await young.post(`/api/v1/activities/${strictActivity}/enrolments`)).status).toBe(403);

		expect((await platform.anonymous.get('/api/v1/guardian-consents/not-a-real-token')).status).toBe(404);
		const page = await fetch(`${platform.server.url}/guardian-consent/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('I give my consent for');
		expect((await platform.anonymous.get(`/api/v1/guardian-consents/${token}`)).body).toEqual({ learnerName: expect.any(String), guardianName: 'Ann Parent', confirmed: false });
		expect((await platform.anonymous.post(`/api/v1/guardian-consents/${token}`)).status).toBe(200);
		// The link works once; opened again, it says the consent was given.
		expect((await platform.anonymous.post(`/api/v1/guardian-consents/${token}`)).status).toBe(404);
		expect((await platform.anonymous.get(`/api/v1/guardian-consents/${token}`)).body.confirmed).toBe(true);
		expect(await (await fetch(`${platform.server.url}/guardian-consent/${token}`)).text()).not.toContain('I give my consent for');

		expect((await young.get('/api/v1/me/guardian-consent')).body).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) });
		expect((await young.post(`/api/v1/activities/${strictActivity}/enrolments`)).status).toBe(201);
	});

	it('gives consent from the guardian’s page without an account', async () => {
		const young = await signUp(platform, 'young-page');
		await young.put('/api/v1/me/learning-profile', { birthYear: year - 12 });
		await young.post('/api/v1/me/guardian-consent', { guardianName: 'Bo', guardianEmail: 'bo@example.org' });
		const first = linkIn((await platform.server.waitForMail((m) => m.to === 'bo@example.org')).text);
		// Asking again replaces the first link.
		await young.post('/api/v1/me/guardian-consent', { guardianName: 'Bo', guardianEmail: 'bo@example.org' });
		const token = linkIn((await platform.server.waitForMail((m) => m.to === 'bo@example.org' && !m.text.includes(first!))).text);
		expect((await fetch(`${platform.server.url}/guardian-consent/${first}`)).status).toBe(404);
		const origin = platform.server.url;
		const answer = await fetch(`${origin}/guardian-consent/${token}`, { method: 'POST', headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain('can now join learning activities');
		expect((await young.post(`/api/v1/activities/${strictActivity}/enrolments`)).status).toBe(201);
	});
});
