/**
 * Claim codes through HTTP: an organiser makes a code for an event, learners claim the badge with it
 * once each while it is valid, up to its limit; wrong, early, expired, switched-off and guessed codes
 * are refused with their own errors and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, activityBody, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;

beforeAll(async () => {
	// A low claim limit, so that guessing is shown to stop.
	platform = await startPlatform({ RATE_LIMIT_CLAIM: '6/600' });
	setup = await approvedOrganisation(platform);
	activityId = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Open day' } })).id;
});
afterAll(() => platform?.server.stop());

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const newCode = (body: Record<string, unknown>) => setup.owner.post(`/api/v1/activities/${activityId}/claim-codes`, body);
const claimCount = async (id: string) => (await setup.owner.get(`/api/v1/activities/${activityId}/claim-codes`)).body.items.find((c: { id: string }) => c.id === id).claimCount;

describe('a claim code', () => {
	it('gives the badge once to each learner who enters it, up to its limit', async () => {
		const created = await newCode({ validUntil: inHours(2), maxClaims: 2 });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({ state: 'active', claimCount: 0, maxClaims: 2 });
		expect(created.body.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
		expect(created.body.url).toBe(`${platform.server.url}/claim?code=${created.body.code.replace('-', '')}`);
		const qr = await fetch(created.body.qrCodeUrl, { headers: { authorization: `Bearer ${setup.owner.token}` } });
		expect(qr.headers.get('content-type')).toContain('image/svg+xml');
		expect(await qr.text()).toContain('<svg');

		const first = await signUp(platform, 'claimer-1');
		// Typed loosely: lower case, spaces instead of the dash.
		const claimed = await first.post('/api/v1/claim', { code: ` ${created.body.code.toLowerCase().replace('-', ' ')} ` });
		expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
		const again = await first.post('/api/v1/claim', { code: created.body.code });
		expect(again.status).toBe(200);
		expect(again.body.credential.id).toBe(claimed.body.credential.id);
		expect(await claimCount(created.body.id)).toBe(1);
		const credential = await (await fetch(`${claimed.body.credential.url}.json`)).json();
		expect((await platform.anonymous.post('/api/v1/verify', { credential })).body.valid).toBe(true);
		// The claimer is now a participant who completed the activity.
		const participants = await setup.owner.get(`/api/v1/activities/${activityId}/enrolments`);
		expect(participants.body.items.find((p: { email: string }) => p.email === first.email)).toMatchObject({ status: 'completed', credential: { id: claimed.body.credential.id } });

		// Two more at once for the one place left: exactly one gets it.
		const [second, third] = await Promise.all([signUp(platform, 'claimer-2'), signUp(platform, 'claimer-3')]);
		const race = await Promise.all([second.post('/api/v1/claim', { code: created.body.code }), third.post('/api/v1/claim', { code: created.body.code })]);
		expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
		expect(race.find((r) => r.status === 409)!.body.error.code).toBe('code_used_up');
		expect(await claimCount(created.body.id)).toBe(2);
	});

	it('is refused when unknown, early, expired, switched off or guessed, changing nothing', async () => {
		const learner = await signUp(platform, 'refused');
		const early = await newCode({ validFrom: inHours(24), validUntil: inHours(48) });
		expect(early.body.state).toBe('scheduled');
		const open = await newCode({ validUntil: inHours(1) });
		expect((await setup.owner.post(`/api/v1/activities/${activityId}/claim-codes/${open.body.id}/disable`)).status).toBe(200);
		expect((await setup.owner.post(`/api/v1/activities/${activityId}/claim-codes/${open.body.id}/disable`)).status).toBe(409);

		const cases: [ApiClient, unknown, number, string][] = [
			[learner, { code: 'ZZZZ-ZZZZ' }, 404, 'not_found'],
			[learner, { code: early.body.code }, 409, 'code_not_yet_valid'],
			[learner, { code: open.body.code }, 410, 'code_expired'],
			[learner, {}, 422, 'validation_failed'],
			[platform.anonymous, { code: early.body.code }, 401, 'unauthenticated']
		];
		for (const [client, body, status, code] of cases) {
			const res = await client.post('/api/v1/claim', body);
			expect(res.status, code).toBe(status);
			expect(res.body.error.code).toBe(code);
		}
		expect((await learner.get('/api/v1/me/credentials')).body.items).toEqual([]);
		expect(await claimCount(early.body.id)).toBe(0);
		expect(await claimCount(open.body.id)).toBe(0);

		// Three attempts so far; the sixth in the window is the last allowed, then 429 with Retry-After.
		for (let attempt = 4; attempt <= 6; attempt++) expect((await learner.post('/api/v1/claim', { code: 'AAAA-AAAA' })).status).toBe(404);
		const limited = await learner.post('/api/v1/claim', { code: 'BBBB-BBBB' });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('is made only by the organisation, for a published activity, with sensible dates', async () => {
		const stranger = await approvedOrganisation(platform);
		const learner = await signUp(platform, 'not-organiser');
		const draft = await setup.owner.post('/api/v1/activities', activityBody(setup.organisation.id));
		const cases: [ApiClient, string, unknown, number, string][] = [
			[stranger.owner, activityId, { validUntil: inHours(1) }, 403, 'forbidden'],
			[learner, activityId, { validUntil: inHours(1) }, 403, 'forbidden'],
			[setup.owner, activityId, { validFrom: inHours(2), validUntil: inHours(1) }, 422, 'validation_failed'],
			[setup.owner, activityId, { validUntil: 'tomorrow' }, 422, 'validation_failed'],
			[setup.owner, activityId, { validUntil: inHours(1), maxClaims: 0 }, 422, 'validation_failed'],
			[setup.owner, draft.body.id, { validUntil: inHours(1) }, 409, 'invalid_state']
		];
		for (const [client, id, body, status, code] of cases) {
			const res = await client.post(`/api/v1/activities/${id}/claim-codes`, body);
			expect(res.status, `${code} ${JSON.stringify(res.body).slice(0, 200)}`).toBe(status);
			expect(res.body.error.code).toBe(code);
		}
		expect((await stranger.owner.get(`/api/v1/activities/${activityId}/claim-codes`)).status).toBe(403);
	});
});
