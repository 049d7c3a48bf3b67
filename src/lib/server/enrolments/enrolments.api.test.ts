import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	platform = await startPlatform({ REMINDER_INTERVAL_SECONDS: '1' });
	org = await approvedOrganisation(platform);
});
afterAll(() => platform?.server.stop());

describe('joining and leaving', () => {
	it('needs a signed-in learner and a published activity', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		expect((await platform.anonymous.post(`/api/v1/activities/${activity.id}/enrolments`)).status).toBe(401);
		const draft = await org.owner.post('/api/v1/activities', { ...(await import('../../../../tests/support/factories')).activityBody(org.organisation.id) });
		expect((await (await signUp(platform)).post(`/api/v1/activities/${draft.body.id}/enrolments`)).status).toBe(404);
		const past = await publishedActivity(org.owner, org.organisation.id, { startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T12:00:00Z' });
		expect((await (await signUp(platform)).post(`/api/v1/activities/${past.id}/enrolments`)).status).toBe(409);
	});

	it('fills the places, then the waiting list, and promotes from it when someone leaves', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id, { capacity: 2 });
		const [a, b, c] = [await signUp(platform, 'a'), await signUp(platform, 'b'), await signUp(platform, 'c')];
		const first = await a.post(`/api/v1/activities/${activity.id}/enrolments`);
		expect(first.status).toBe(201);
		expect(first.body.enrolment.status).toBe('joined');
		expect((await a.post(`/api/v1/activities/${activity.id}/enrolments`)).status).toBe(200);
		expect((await b.post(`/api/v1/activities/${activity.id}/enrolments`)).body.enrolment.status).toBe('joined');
		const waiting = await c.post(`/api/v1/activities/${activity.id}/enrolments`);
		expect(waiting.body.enrolment).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
		expect((await platform.anonymous.get(`/api/v1/activities/${activity.id}`)).body.places).toEqual({ taken: 2, waiting: 1, left: 0 });

		expect((await a.delete(`/api/v1/activities/${activity.id}/enrolments/me`)).status).toBe(204);
		const mine = await c.get('/api/v1/me/enrolments');
		expect(mine.body.items[0].enrolment.status).toBe('joined');
		await platform.server.waitForMail((m) => m.to === c.email && m.kind === 'waitlist_place');
		expect((await a.delete(`/api/v1/activities/${activity.id}/enrolments/me`)).status).toBe(404);
	});

	it('refuses a full activity without a waiting list', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id, { capacity: 1, waitlist: false });
		await (await signUp(platform)).post(`/api/v1/activities/${activity.id}/enrolments`);
		const res = await (await signUp(platform)).post(`/api/v1/activities/${activity.id}/enrolments`);
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('activity_full');
	});

	it('never gives the last place twice under concurrent joins', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id, { capacity: 3 });
		const learners = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(platform, `rush${i}`)));
		const results = await Promise.all(learners.map((l) => l.post(`/api/v1/activities/${activity.id}/enrolments`)));
		const statuses = results.map((r) => r.body.enrolment.status);
		expect(statuses.filter((s) => s === 'joined')).toHaveLength(3);
		expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(5);
		const positions = results.filter((r) => r.body.enrolment.status === 'waitlisted').map((r) => r.body.enrolment.waitlistPosition).sort();
		expect(positions).toEqual([1, 2, 3, 4, 5]);
	});
});

describe('for organisers', () => {
	it('lists participants and exports them as CSV, to organisers only', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		const learner = await signUp(platform, 'csv');
		await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		expect((await learner.get(`/api/v1/activities/${activity.id}/enrolments`)).status).toBe(403);
		const list = await org.owner.get(`/api/v1/activities/${activity.id}/enrolments`);
		expect(list.body.items).toEqual([expect.objectContaining({ email: learner.email, status: 'joined' })]);
		const csv = await org.owner.get(`/api/v1/activities/${activity.id}/enrolments?format=csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.body).toContain(learner.email);
		// (The BOM that tells spreadsheets the file is UTF-8 is dropped when the body is decoded as text.)
		expect(String(csv.body).split('\r\n')[0]).toBe('name,email,status,waitlist_position,since,left_at');
	});

	it('removes a participant: the person is told, the first person waiting takes the place', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id, { capacity: 1 });
		const [placed, waiting] = [await signUp(platform, 'removed'), await signUp(platform, 'next-in-line')];
		const enrolmentId = (await placed.post(`/api/v1/activities/${activity.id}/enrolments`)).body.enrolment.id;
		await waiting.post(`/api/v1/activities/${activity.id}/enrolments`);
		const path = `/api/v1/enrolments/${enrolmentId}`;
		expect((await platform.anonymous.delete(path)).status).toBe(401);
		expect((await placed.delete(path)).status).toBe(403);
		const outsider = await approvedOrganisation(platform);
		expect((await outsider.owner.delete(path)).status).toBe(403);
		expect((await org.owner.delete(`/api/v1/enrolments/${crypto.randomUUID()}`)).status).toBe(404);
		expect((await org.owner.delete('/api/v1/enrolments/not-an-id')).status).toBe(404);
		// Refusals changed nothing.
		expect((await placed.get('/api/v1/me/enrolments')).body.items[0].enrolment.status).toBe('joined');

		const removed = await org.owner.delete(path);
		expect(removed.status).toBe(200);
		expect(removed.body).toMatchObject({ id: enrolmentId, status: 'left', waitlistPosition: null });
		await platform.server.waitForMail((m) => m.to === placed.email && m.kind === 'enrolment_removed');
		await platform.server.waitForMail((m) => m.to === waiting.email && m.kind === 'waitlist_place');
		const list = (await org.owner.get(`/api/v1/activities/${activity.id}/enrolments`)).body.items;
		expect(list).toEqual(
			expect.arrayContaining([expect.objectContaining({ email: placed.email, status: 'left' }), expect.objectContaining({ email: waiting.email, status: 'joined' })])
		);
		// Once gone, there is nothing left to remove; a completed place is taken back by revoking instead.
		const again = await org.owner.delete(path);
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('invalid_state');
		const awardedId = (await waiting.get('/api/v1/me/enrolments')).body.items[0].enrolment.id;
		expect((await org.owner.post(`/api/v1/enrolments/${awardedId}/award`)).status).toBe(201);
		expect((await org.owner.delete(`/api/v1/enrolments/${awardedId}`)).status).toBe(409);
		const audit = await platform.admin.get(`/api/v1/cities/${org.city.slug}/audit-log?action=enrolment.remove`);
		expect(audit.body.items).toEqual([expect.objectContaining({ action: 'enrolment.remove', target: { type: 'enrolment', id: enrolmentId } })]);
	});

	it('reminds participants by e-mail before an activity starts, once', async () => {
		const soon = new Date(Date.now() + 6 * 3_600_000);
		const activity = await publishedActivity(org.owner, org.organisation.id, { startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3_600_000).toISOString() });
		const learner = await signUp(platform, 'remind');
		await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const mail = await platform.server.waitForMail((m) => m.to === learner.email && m.kind === 'reminder', 15_000);
		expect(mail.text).toContain(`/activities/${activity.id}`);
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(platform.server.mails().filter((m) => m.to === learner.email && m.kind === 'reminder')).toHaveLength(1);
	});
});

describe('calendars', () => {
	it('exports an activity and a personal feed as iCalendar', async () => {
		const activity = await publishedActivity(org.owner, org.organisation.id);
		const ics = await platform.anonymous.request('GET', `/activities/${activity.id}.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		expect(ics.body).toContain('BEGIN:VEVENT');
		expect(ics.body).toContain('DTSTART:20300314T130000Z');

		const learner = await signUp(platform, 'ical');
		await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const feed = await learner.post('/api/v1/me/calendar-feed');
		const personal = await fetch(feed.body.url);
		const text = await personal.text();
		expect(text).toContain(`/activities/${activity.id}`);
		const renewed = await learner.post('/api/v1/me/calendar-feed');
		expect((await fetch(feed.body.url)).status).toBe(404);
		expect((await fetch(renewed.body.url)).status).toBe(200);
	});
});
