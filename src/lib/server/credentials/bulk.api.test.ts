/**
 * Bulk award through HTTP: a list of e-mails (with and without accounts) receives signed credentials in
 * the background; repeats and duplicates never issue twice; an e-mail without an account gets an
 * invitation and the credential once that address is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { approvedOrganisation, activityBody, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { linkIn } from '../../../../tests/support/server';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activityId = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Festival volunteering' } })).id;
});
afterAll(() => platform?.server.stop());

async function finished(client: ApiClient, url: string) {
	const path = new URL(url).pathname;
	for (let i = 0; i < 200; i++) {
		const res = await client.get(path);
		expect(res.status).toBe(200);
		if (res.body.status === 'done') return res.body;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('The bulk award did not finish.');
}


describe('a bulk award', () => {
	it('awards accounts and bare e-mails once each, in the background, and tells them', async () => {
		const learner = await signUp(platform, 'bulk-holder');
		const newcomer = `newcomer-${Date.now()}@example.org`;
		const res = await setup.owner.post(`/api/v1/activities/${activityId}/awards`, {
			recipients: [
				{ email: learner.email.toUpperCase(), narrative: 'Ran the info stand.' },
				{ email: newcomer, name: 'New Comer', narrative: 'Guided visitors.' },
				{ email: ` ${newcomer.toUpperCase()} ` }
			]
		});
		expect(res.status, JSON.stringify(res.body)).toBe(202);
		expect(res.body).toMatchObject({ activityId, total: 3 });
		const done = await finished(setup.owner, res.body.url);
		expect(done).toMatchObject({ status: 'done', total: 3, processed: 3, awarded: 2, already: 1, failed: 0, problems: [] });

		const mine = await learner.get('/api/v1/me/credentials');
		expect(mine.body.items).toHaveLength(1);
		const document = await (await fetch(`${mine.body.items[0].url}.json`)).json();
		expect(document.credentialSubject.id).toBe(`urn:uuid:${learner.userId}`);
		expect(document.evidence[0].narrative).toBe('Ran the info stand.');
		const verified = await platform.anonymous.post('/api/v1/verify', { credential: document });
		expect(verified.body.valid).toBe(true);

		const invitation = await platform.server.waitForMail((m) => m.to === newcomer && m.kind === 'badge_awarded');
		expect(invitation.text).toContain('/signup');
		const waiting = await (await fetch(`${linkIn(invitation, '/credentials/').toString()}.json`)).json();
		expect(waiting.credentialSubject.id).toBeUndefined();
		const identity = waiting.credentialSubject.identifier[0];
		expect(identity.identityHash).toBe(`sha256$${createHash('sha256').update(newcomer + identity.salt).digest('hex')}`);
		await platform.server.waitForMail((m) => m.to === learner.email && m.kind === 'badge_awarded');
		const issued = await setup.owner.get(`/api/v1/activities/${activityId}/credentials?limit=10`);
		expect(issued.body.total).toBe(2);
		expect(issued.body.items.map((c: { recipient: object }) => c.recipient)).toEqual(
			expect.arrayContaining([
				{ name: 'Test bulk-holder', email: learner.email, hasAccount: true },
				{ name: null, email: newcomer, hasAccount: false }
			])
		);
		expect((await learner.get(`/api/v1/activities/${activityId}/credentials`)).status).toBe(403);

		// The newcomer signs up: nothing is theirs until the address is verified.
		const registered = await platform.anonymous.post('/api/v1/auth/register', { email: newcomer, password: 'a good password', name: 'New Comer' });
		const account = platform.anonymous.as(registered.body.token);
		expect((await account.get('/api/v1/me/credentials')).body.items).toEqual([]);
		const verifyMail = await platform.server.waitForMail((m) => m.to === newcomer && m.kind === 'verify_email');
		await platform.anonymous.post('/api/v1/auth/verify-email', { token: linkIn(verifyMail, '/verify-email').searchParams.get('token') });
		const claimed = await account.get('/api/v1/me/credentials');
		expect(claimed.body.items.map((c: { url: string }) => c.url)).toEqual([waiting.id]);

		// The same list again awards nobody twice; re-awarding is a choice.
		const again = await setup.owner.post(`/api/v1/activities/${activityId}/awards`, { recipients: [{ email: learner.email }, { email: newcomer }] });
		expect(await finished(setup.owner, again.body.url)).toMatchObject({ awarded: 0, already: 2 });
		expect((await learner.get('/api/v1/me/credentials')).body.items).toHaveLength(1);
		const reaward = await setup.owner.post(`/api/v1/activities/${activityId}/awards`, { recipients: [{ email: learner.email }], reaward: true });
		expect(await finished(setup.owner, reaward.body.url)).toMatchObject({ awarded: 1, already: 0 });
		expect((await learner.get('/api/v1/me/credentials')).body.items).toHaveLength(2);
	});

	it('counts a learner already awarded directly as already holding it', async () => {
		const learner = await signUp(platform, 'direct-first');
		const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
		const direct = await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		const bulk = await setup.owner.post(`/api/v1/activities/${activityId}/awards`, { recipients: [{ email: learner.email }] });
		expect(await finished(setup.owner, bulk.body.url)).toMatchObject({ awarded: 0, already: 1 });
		expect((await learner.get('/api/v1/me/credentials')).body.items.map((c: { id: string }) => c.id)).toEqual([direct.body.credential.id]);
	});

	it('refuses what it must, with the error shape, and starts nothing', async () => {
		const stranger = await approvedOrganisation(platform);
		const draft = await setup.owner.post('/api/v1/activities', activityBody(setup.organisation.id));
		const learner = await signUp(platform, 'bulk-refused');
		const cases: [ApiClient, string, unknown, number, string][] = [
			[platform.anonymous, activityId, { recipients: [{ email: 'a@example.org' }] }, 401, 'unauthenticated'],
			[stranger.owner, activityId, { recipients: [{ email: 'a@example.org' }] }, 403, 'forbidden'],
			[learner, activityId, { recipients: [{ email: 'a@example.org' }] }, 403, 'forbidden'],
			[setup.owner, activityId, { recipients: [{ email: 'not an e-mail' }] }, 422, 'validation_failed'],
			[setup.owner, activityId, { recipients: [] }, 422, 'validation_failed'],
			[setup.owner, activityId, { recipients: Array.from({ length: 5001 }, (_, i) => ({ email: `p${i}@example.org` })) }, 422, 'validation_failed'],
			[setup.owner, activityId, { recipients: [{ email: 'a@example.org', narrative: 'x'.repeat(2001) }] }, 422, 'validation_failed'],
			[setup.owner, draft.body.id, { recipients: [{ email: 'a@example.org' }] }, 409, 'invalid_state'],
			[setup.owner, '00000000-0000-4000-8000-000000000000', { recipients: [{ email: 'a@example.org' }] }, 404, 'not_found']
		];
		for (const [client, id, body, status, code] of cases) {
			const res = await client.post(`/api/v1/activities/${id}/awards`, body);
			expect(res.status, `${code} ${JSON.stringify(res.body).slice(0, 200)}`).toBe(status);
			expect(res.body.error.code).toBe(code);
		}
		const invalid = await setup.owner.post(`/api/v1/activities/${activityId}/awards`, { recipients: [{ email: 'ok@example.org' }, { email: 'broken' }] });
		expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(['recipients.1.email']);
		expect(platform.server.mails().filter((m) => m.to === 'ok@example.org' || m.to === 'a@example.org')).toEqual([]);
		const other = await stranger.owner.get(`/api/v1/activities/${activityId}/awards/00000000-0000-4000-8000-000000000000`);
		expect(other.status).toBe(404);
	});

	it('answers an upload over the body limit on the page with its own message, and starts nothing', async () => {
		const form = new FormData();
		form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 'a')], { type: 'text/csv' }), 'huge.csv');
		const res = await fetch(`${platform.server.url}/activities/${activityId}/awards`, {
			method: 'POST',
			headers: { authorization: `Bearer ${setup.owner.token}`, origin: platform.server.url, 'x-sveltekit-action': 'true' },
			body: form
		});
		const body = await res.json();
		expect(body.type, JSON.stringify(body).slice(0, 300)).toBe('failure');
		expect(body.status).toBe(413);
		expect(JSON.stringify(body.data)).toContain('too large');
	});
});

