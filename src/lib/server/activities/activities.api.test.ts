import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	activityBody,
	approvedOrganisation,
	createOrganisation,
	publishedActivity,
	signUp,
	startPlatform,
	type Platform
} from '../../../../tests/support/factories';

let platform: Platform;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	platform = await startPlatform();
	org = await approvedOrganisation(platform);
});
afterAll(() => platform?.server.stop());

describe('creating an activity', () => {
	it('needs a member of an approved organisation', async () => {
		const body = activityBody(org.organisation.id);
		expect((await platform.anonymous.post('/api/v1/activities', body)).status).toBe(401);
		expect((await (await signUp(platform)).post('/api/v1/activities', body)).status).toBe(403);
		const pendingOwner = await signUp(platform, 'pending');
		const pending = await createOrganisation(pendingOwner, org.city.slug);
		const refused = await pendingOwner.post('/api/v1/activities', activityBody(pending.id));
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('invalid_state');
	});

	it('rejects bad input with per-field details', async () => {
		const bad = await org.owner.post('/api/v1/activities', {
			...activityBody(org.organisation.id),
			skills: ['lifecomp:P2', 'nonsense:1'],
			endsAt: '2030-03-13T10:00:00+01:00',
			location: { address: 'Somewhere', lat: 200, lon: 4 },
			price: { amount: -5, currency: 'euro' },
			type: 'party'
		});
		expect(bad.status).toBe(422);
		const paths = bad.body.error.details.map((d: { path: string }) => d.path);
		expect(paths).toEqual(expect.arrayContaining(['location.lat', 'price.amount', 'price.currency', 'type']));

		const skills = await org.owner.post('/api/v1/activities', { ...activityBody(org.organisation.id), skills: ['lifecomp:P2', 'nonsense:1'] });
		expect(skills.status).toBe(422);
		expect(skills.body.error.details).toEqual([expect.objectContaining({ path: 'skills.1', code: 'unknown_skill' })]);

		const dates = await org.owner.post('/api/v1/activities', { ...activityBody(org.organisation.id), endsAt: '2030-03-13T10:00:00+01:00' });
		expect(dates.status).toBe(422);
		expect(dates.body.error.details[0]).toMatchObject({ path: 'endsAt', code: 'ends_before_start' });
	});

	it('refuses a 5 MB description with 413 and keeps script tags as text', async () => {
		const huge = await org.owner.post('/api/v1/activities', { ...activityBody(org.organisation.id), description: { en: 'x'.repeat(5_000_000) } });
		expect(huge.status).toBe(413);
		const scripted = await org.owner.post('/api/v1/activities', {
			...activityBody(org.organisation.id),
			description: { en: 'Hello <script>alert(1)</script>' }
		});
		expect(scripted.status).toBe(201);
		await org.owner.post(`/api/v1/activities/${scripted.body.id}/publish`);
		const page = await platform.anonymous.request('GET', `/activities/${scripted.body.id}`);
		expect(page.body).not.toContain('<script>alert(1)</script>');
		expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('creates a draft in two languages that only its organisation sees, then publishes it', async () => {
		const created = await org.owner.post('/api/v1/activities', activityBody(org.organisation.id));
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			status: 'draft',
			title: { en: 'Repair café for bikes', nl: 'Fietsen repareren in het repaircafé' },
			skills: ['lifecomp:P2', 'digcomp:1.1'],
			frameworks: ['lifecomp', 'digcomp'],
			free: true,
			places: { taken: 0, waiting: 0, left: 10 }
		});
		expect(created.body.badge.name.en).toBe('Repair café for bikes');
		const id = created.body.id;
		expect((await platform.anonymous.get(`/api/v1/activities/${id}`)).status).toBe(404);
		expect((await org.cityAdmin.get(`/api/v1/activities/${id}`)).status).toBe(200);

		const published = await org.owner.post(`/api/v1/activities/${id}/publish`);
		expect(published.status).toBe(200);
		expect(published.body.status).toBe('published');
		expect((await org.owner.post(`/api/v1/activities/${id}/publish`)).status).toBe(409);
		expect((await platform.anonymous.get(`/api/v1/activities/${id}`)).body.title.nl).toBe('Fietsen repareren in het repaircafé');
	});

	it('will not publish an incomplete activity, and says what is missing', async () => {
		const created = await org.owner.post('/api/v1/activities', activityBody(org.organisation.id, { location: null, mode: 'hybrid' }));
		const res = await org.owner.post(`/api/v1/activities/${created.body.id}/publish`);
		expect(res.status).toBe(422);
		expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['location', 'url']);
	});

	it('takes a schedule of sessions and spans the activity over them', async () => {
		const created = await org.owner.post(
			'/api/v1/activities',
			activityBody(org.organisation.id, {
				startsAt: null,
				endsAt: null,
				sessions: [
					{ startsAt: '2030-04-02T18:00:00Z', endsAt: '2030-04-02T20:00:00Z' },
					{ startsAt: '2030-04-09T18:00:00Z', endsAt: '2030-04-09T20:00:00Z', note: 'Final session' }
				]
			})
		);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ startsAt: '2030-04-02T18:00:00.000Z', endsAt: '2030-04-09T20:00:00.000Z' });
		expect(created.body.sessions).toHaveLength(2);
	});
});

describe('changing, archiving and duplicating', () => {
	it('updates fields, keeps published activities complete, and freezes archived ones', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		const changed = await org.owner.patch(`/api/v1/activities/${activity.id}`, { capacity: 20, price: { amount: 5, currency: 'eur' } });
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({ capacity: 20, price: { amount: 5, currency: 'EUR' }, free: false });
		expect((await org.owner.patch(`/api/v1/activities/${activity.id}`, { location: null })).status).toBe(422);
		expect((await (await signUp(platform)).patch(`/api/v1/activities/${activity.id}`, { capacity: 1 })).status).toBe(403);

		const copy = await org.owner.post(`/api/v1/activities/${activity.id}/duplicate`);
		expect(copy.status).toBe(201);
		expect(copy.body).toMatchObject({ status: 'draft', capacity: 20, title: changed.body.title });
		expect(copy.body.id).not.toBe(activity.id);

		expect((await org.owner.post(`/api/v1/activities/${activity.id}/archive`)).body.status).toBe('archived');
		expect((await org.owner.patch(`/api/v1/activities/${activity.id}`, { capacity: 5 })).status).toBe(409);
		expect((await platform.anonymous.get(`/api/v1/activities/${activity.id}`)).status).toBe(200);
	});
});

describe('moderation by the city', () => {
	it('sends activities to review in a moderating city; the city approves or returns them', async () => {
		const moderated = await approvedOrganisation(platform, { moderateActivities: true });
		const first = await moderated.owner.post('/api/v1/activities', activityBody(moderated.organisation.id));
		const submitted = await moderated.owner.post(`/api/v1/activities/${first.body.id}/publish`);
		expect(submitted.body.status).toBe('in_review');
		expect((await platform.anonymous.get(`/api/v1/activities/${first.body.id}`)).status).toBe(404);
		expect((await moderated.owner.post(`/api/v1/activities/${first.body.id}/review`, { decision: 'approve' })).status).toBe(403);
		expect((await org.cityAdmin.post(`/api/v1/activities/${first.body.id}/review`, { decision: 'approve' })).status).toBe(403);
		const approved = await moderated.cityAdmin.post(`/api/v1/activities/${first.body.id}/review`, { decision: 'approve' });
		expect(approved.body.status).toBe('published');

		const second = await moderated.owner.post('/api/v1/activities', activityBody(moderated.organisation.id));
		await moderated.owner.post(`/api/v1/activities/${second.body.id}/publish`);
		const rejected = await moderated.cityAdmin.post(`/api/v1/activities/${second.body.id}/review`, { decision: 'reject', comment: 'Add the safeguarding contact.' });
		expect(rejected.body).toMatchObject({ status: 'draft', reviewComment: 'Add the safeguarding contact.' });
		expect((await moderated.cityAdmin.post(`/api/v1/activities/${second.body.id}/review`, { decision: 'approve' })).status).toBe(409);
	});
});

describe('images', () => {
	it('accepts a real image, re-encodes it, and refuses anything else', async () => {
		const created = await org.owner.post('/api/v1/activities', activityBody(org.organisation.id));
		const png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#3366cc' } }).png().toBuffer();
		const put = (body: Uint8Array, type: string) =>
			fetch(`${platform.server.url}/api/v1/activities/${created.body.id}/image`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${org.owner.token}`, 'content-type': type },
				body: new Blob([new Uint8Array(body)])
			});
		const ok = await put(png, 'image/png');
		expect(ok.status).toBe(200);
		const { image } = (await ok.json()) as { image: { url: string } };
		const served = await fetch(image.url);
		expect(served.headers.get('content-type')).toBe('image/webp');
		const { width } = await sharp(new Uint8Array(await served.arrayBuffer())).metadata();
		expect(width).toBe(1600);

		expect((await put(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'image/svg+xml')).status).toBe(415);
		expect((await put(new Uint8Array(9 * 1024 * 1024), 'image/png')).status).toBe(413);
		const publish = await org.owner.post(`/api/v1/activities/${created.body.id}/publish`);
		expect(publish.status).toBe(422);
		expect(publish.body.error.details[0].path).toBe('imageAlt');
	});
});
