/**
 * Evidence review through HTTP: a learner hands in text, a link and a file; the organiser asks for
 * more, then approves, which awards the badge with the evidence inside; files are shown only to those
 * allowed; too large, forbidden and misplaced evidence is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activityId = (await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Photo walk' } })).id;
});
afterAll(() => platform?.server.stop());

async function enrolled(label: string): Promise<{ learner: ApiClient & { email: string }; enrolmentId: string }> {
	const learner = await signUp(platform, label);
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	return { learner, enrolmentId: joined.body.enrolment.id };
}
const statusOf = async (enrolmentId: string, email: string) =>
	(await setup.owner.get(`/api/v1/activities/${activityId}/enrolments`)).body.items.find((p: { enrolmentId: string; email: string }) => p.email === email)?.status;

describe('evidence', () => {
	it('is handed in, sent back for more, then approved into a credential that carries it', async () => {
		const { learner, enrolmentId } = await enrolled('photographer');
		// A photo with its camera's metadata: stored re-encoded, without it.
		const photo = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#c33' } }).jpeg().withMetadata({ exif: { IFD0: { Make: 'SecretCam' } } }).toBuffer();
		expect(photo.includes(Buffer.from('SecretCam'))).toBe(true);
		const first = await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'I shot the old harbour.', file: { name: 'harbour.jpg', data: photo.toString('base64') } });
		expect(first.status, JSON.stringify(first.body)).toBe(201);
		expect(first.body).toMatchObject({ status: 'submitted', file: { name: 'harbour.jpg', type: 'image/jpeg' } });
		expect(await statusOf(enrolmentId, learner.email)).toBe('submitted');
		// One submission waits at a time.
		expect((await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'More!' })).status).toBe(409);

		// The file: for the learner and the organisation, as a sandboxed download, metadata gone.
		const asOwner = await fetch(first.body.file.url, { headers: { authorization: `Bearer ${setup.owner.token}` } });
		expect(asOwner.status).toBe(200);
		expect(asOwner.headers.get('content-disposition')).toContain('attachment');
		expect(asOwner.headers.get('content-security-policy')).toContain('sandbox');
		expect(Buffer.from(await asOwner.arrayBuffer()).includes(Buffer.from('SecretCam'))).toBe(false);
		expect((await fetch(first.body.file.url, { headers: { authorization: `Bearer ${learner.token}` } })).status).toBe(200);
		const other = await signUp(platform, 'nosy');
		expect((await fetch(first.body.file.url, { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(404);
		expect((await fetch(first.body.file.url)).status).toBe(401);

		const queue = await setup.owner.get(`/api/v1/activities/${activityId}/evidence?status=submitted`);
		expect(queue.body.items.map((e: { id: string; learner: { email: string } }) => [e.id, e.learner.email])).toContainEqual([first.body.id, learner.email]);
		const more = await setup.owner.post(`/api/v1/evidence/${first.body.id}/review`, { decision: 'request_changes', comment: 'Add a link to the whole series.' });
		expect(more.body).toMatchObject({ status: 'changes_requested', reviewComment: 'Add a link to the whole series.' });
		expect(await statusOf(enrolmentId, learner.email)).toBe('joined');
		const told = await platform.server.waitForMail((m) => m.to === learner.email && m.kind === 'evidence_decision');
		expect(told.text).toContain('Add a link to the whole series.');
		expect((await setup.owner.post(`/api/v1/evidence/${first.body.id}/review`, { decision: 'approve' })).status).toBe(409);

		const second = await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'Twelve photos of the harbour.', link: 'https://photos.example.org/harbour' });
		const approved = await setup.owner.post(`/api/v1/evidence/${second.body.id}/review`, { decision: 'approve', comment: 'Lovely light.' });
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(approved.body.credentialUrl).toMatch(/\/credentials\//);
		const credential = await (await fetch(`${approved.body.credentialUrl}.json`)).json();
		expect(credential.evidence).toEqual([{ id: 'https://photos.example.org/harbour', type: ['Evidence'], narrative: 'Twelve photos of the harbour.' }]);
		expect((await platform.anonymous.post('/api/v1/verify', { credential })).body.valid).toBe(true);
		expect(await statusOf(enrolmentId, learner.email)).toBe('completed');
		const history = await learner.get(`/api/v1/enrolments/${enrolmentId}/evidence`);
		expect(history.body.items.map((e: { status: string }) => e.status)).toEqual(['approved', 'changes_requested']);
		// Awarded: no more evidence.
		expect((await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'Again' })).status).toBe(409);
	});

	it('is rejected with a reason, ending the enrolment', async () => {
		const { learner, enrolmentId } = await enrolled('rejected');
		const sent = await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { link: 'https://example.org/not-mine' });
		const rejected = await setup.owner.post(`/api/v1/evidence/${sent.body.id}/review`, { decision: 'reject', comment: 'This is someone else’s work.' });
		expect(rejected.body.status).toBe('rejected');
		expect(await statusOf(enrolmentId, learner.email)).toBe('rejected');
		expect((await learner.get('/api/v1/me/credentials')).body.items).toEqual([]);
		// The learner's evidence page says why nothing more can be handed in, rather than showing nothing.
		const page = await fetch(`${platform.server.url}/activities/${activityId}/evidence`, { headers: { authorization: `Bearer ${learner.token}` } });
		expect(await page.text()).toContain('did not accept your evidence');
	});

	it('refuses too large, forbidden, empty and misplaced evidence, and changes nothing', async () => {
		const { learner, enrolmentId } = await enrolled('refused-evidence');
		const stranger = await signUp(platform, 'stranger');
		const elsewhere = await approvedOrganisation(platform);
		const cases: [ApiClient, string, unknown, number, string][] = [
			[learner, enrolmentId, { file: { name: 'big.pdf', data: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024)]).toString('base64') } }, 413, 'payload_too_large'],
			[learner, enrolmentId, { file: { name: 'run.exe', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00').toString('base64') } }, 415, 'unsupported_media_type'],
			[learner, enrolmentId, { file: { name: 'notes.txt', data: '*** not base64 ***' } }, 422, 'validation_failed'],
			[learner, enrolmentId, {}, 422, 'validation_failed'],
			[learner, enrolmentId, { link: 'javascript:alert(1)' }, 422, 'validation_failed'],
			[learner, enrolmentId, { text: 'x'.repeat(5001) }, 422, 'validation_failed'],
			[stranger, enrolmentId, { text: 'Not my enrolment' }, 404, 'not_found'],
			[setup.owner, enrolmentId, { text: 'Organisers do not hand in' }, 403, 'forbidden'],
			[platform.anonymous, enrolmentId, { text: 'Anonymous' }, 401, 'unauthenticated']
		];
		for (const [client, id, body, status, code] of cases) {
			const res = await client.post(`/api/v1/enrolments/${id}/evidence`, body);
			expect(res.status, `${code}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(status);
			expect(res.body.error.code).toBe(code);
		}
		expect((await learner.get(`/api/v1/enrolments/${enrolmentId}/evidence`)).body.items).toEqual([]);
		expect(await statusOf(enrolmentId, learner.email)).toBe('joined');

		const sent = await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'Done it.' });
		expect((await elsewhere.owner.post(`/api/v1/evidence/${sent.body.id}/review`, { decision: 'approve' })).status).toBe(403);
		expect((await learner.post(`/api/v1/evidence/${sent.body.id}/review`, { decision: 'approve' })).status).toBe(403);
		expect((await setup.owner.post(`/api/v1/evidence/${sent.body.id}/review`, { decision: 'maybe' })).status).toBe(422);
		expect((await learner.get(`/api/v1/enrolments/${enrolmentId}/evidence`)).body.items[0].status).toBe('submitted');
	});

	it('is its own judge for a self-assessed badge, and judged by holders for a peer-assessed one', async () => {
		const badge = { name: { en: 'Study buddy' }, description: { en: 'Helps others learn' }, criteria: { en: 'Explain one topic to a peer' } };
		const self = await publishedActivity(setup.owner, setup.organisation.id, { badge: { ...badge, assessment: 'self' } });
		const learner = await signUp(platform, 'self-assessor');
		const joined = await learner.post(`/api/v1/activities/${self.id}/enrolments`);
		const sent = await learner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/evidence`, { text: 'I explained fractions to my brother.' });
		expect(sent.status).toBe(201);
		expect(sent.body).toMatchObject({ status: 'approved', credentialUrl: expect.stringMatching(/\/credentials\//) });
		expect((await learner.get('/api/v1/me/credentials')).body.items).toHaveLength(1);

		const peer = await publishedActivity(setup.owner, setup.organisation.id, { badge: { ...badge, assessment: 'peer' } });
		const holder = await signUp(platform, 'holder');
		const holderEnrolment = await holder.post(`/api/v1/activities/${peer.id}/enrolments`);
		await setup.owner.post(`/api/v1/enrolments/${holderEnrolment.body.enrolment.id}/award`);
		const newcomer = await signUp(platform, 'newcomer');
		const newcomerEnrolment = await newcomer.post(`/api/v1/activities/${peer.id}/enrolments`);
		const outsider = await signUp(platform, 'no-badge');
		await outsider.post(`/api/v1/activities/${peer.id}/enrolments`);
		const evidence = await newcomer.post(`/api/v1/enrolments/${newcomerEnrolment.body.enrolment.id}/evidence`, { text: 'I explained photosynthesis.' });
		expect(evidence.body.status).toBe('submitted');

		// A participant without the badge is no judge; a holder sees the queue without addresses.
		expect((await outsider.get(`/api/v1/activities/${peer.id}/evidence`)).status).toBe(403);
		expect((await outsider.post(`/api/v1/evidence/${evidence.body.id}/review`, { decision: 'approve' })).status).toBe(403);
		const queue = await holder.get(`/api/v1/activities/${peer.id}/evidence?status=submitted`);
		expect(queue.body.items.map((e: { learner: { name: string; email: string } }) => e.learner)).toEqual([{ name: 'Test newcomer', email: '' }]);
		expect((await holder.post(`/api/v1/evidence/${evidence.body.id}/review`, { decision: 'reject' })).status).toBe(403);
		const approved = await holder.post(`/api/v1/evidence/${evidence.body.id}/review`, { decision: 'approve', comment: 'Clear and kind.' });
		expect(approved.status, JSON.stringify(approved.body)).toBe(200);
		expect(approved.body.status).toBe('approved');
		expect((await newcomer.get('/api/v1/me/credentials')).body.items).toHaveLength(1);
	});
});

