/**
 * The wallet's imports: badges earned elsewhere, brought in by link, pasted JSON or JWT, or baked
 * image, verified as the verifier does and kept with the report. Refused: forgeries, things that are
 * not badges, links to private addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let learner: ApiClient;
let credentialUrl: string;
let credential: Record<string, unknown>;

beforeAll(async () => {
	platform = await startPlatform();
	const { owner, organisation } = await approvedOrganisation(platform);
	const activity = await publishedActivity(owner, organisation.id, { badge: { name: { en: 'Bike repair' }, description: { en: 'Fixes bikes' }, criteria: { en: 'Repaired three bikes' } } });
	learner = await signUp(platform, 'wallet');
	const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
	const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
	credentialUrl = awarded.body.credential.url;
	credential = await (await fetch(`${credentialUrl}.json`)).json();
});
afterAll(() => platform?.server.stop());

const bytesOf = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

describe('POST /api/v1/me/imported-credentials', () => {
	it('needs a signed-in learner and something to import', async () => {
		expect((await platform.anonymous.post('/api/v1/me/imported-credentials', { url: credentialUrl })).status).toBe(401);
		expect((await platform.anonymous.get('/api/v1/me/imported-credentials')).status).toBe(401);
		const empty = await learner.post('/api/v1/me/imported-credentials', {});
		expect(empty.status).toBe(422);
		expect(empty.body.error.code).toBe('validation_failed');
	});

	it('refuses links to private addresses without fetching them', async () => {
		for (const url of ['http://127.0.0.1:9/badge.json', 'http://localhost/badge.json', 'http://10.0.0.1/badge.json']) {
			const refused = await learner.post('/api/v1/me/imported-credentials', { url });
			expect(refused.status, url).toBe(422);
			expect(refused.body.error.code).toBe('url_not_allowed');
		}
		expect((await learner.get('/api/v1/me/imported-credentials')).body.items).toEqual([]);
	});

	it('refuses a tampered credential and something that is no badge, and keeps nothing', async () => {
		const tampered = await learner.post('/api/v1/me/imported-credentials', { credential: { ...credential, name: 'Rocket science' } });
		expect(tampered.status).toBe(422);
		expect(tampered.body.error.code).toBe('invalid_credential');
		expect(tampered.body.error.details.checks.find((c: { check: string }) => c.check === 'signature').ok).toBe(false);
		const notABadge = await learner.post('/api/v1/me/imported-credentials', { credential: { hello: 'world' } });
		expect(notABadge.status).toBe(422);
		expect(notABadge.body.error.code).toBe('invalid_credential');
		const broken = await learner.post('/api/v1/me/imported-credentials', { credential: '{not json' });
		expect(broken.status).toBe(422);
		expect(broken.body.error.details[0]).toMatchObject({ path: 'credential', code: 'invalid_json' });
		expect((await learner.get('/api/v1/me/imported-credentials')).body.items).toEqual([]);
	});

	it('imports a credential by its link, keeping the verifier’s report', async () => {
		const imported = await learner.post('/api/v1/me/imported-credentials', { url: credentialUrl });
		expect(imported.status, JSON.stringify(imported.body)).toBe(201);
		expect(imported.body).toMatchObject({ name: 'Bike repair', format: 'url', openBadgesVersion: '3.0', sourceUrl: credentialUrl, valid: true, jwt: null });
		expect(imported.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
			['format', true],
			['signature', true],
			['dates', true],
			['revocation', true]
		]);
		expect(imported.body.credential).toEqual(credential);
	});

	it('imports the same credential again from its baked PNG and its JWT as an update, not a copy', async () => {
		const first = (await learner.get('/api/v1/me/imported-credentials')).body.items[0];
		const png = await learner.post('/api/v1/me/imported-credentials', { image: (await bytesOf(`${credentialUrl}.png`)).toString('base64') });
		expect(png.status, JSON.stringify(png.body)).toBe(200);
		expect(png.body).toMatchObject({ id: first.id, format: 'png', valid: true, importedAt: first.importedAt });
		const jwt = await (await fetch(`${credentialUrl}.jwt`)).text();
		const fromJwt = await learner.post('/api/v1/me/imported-credentials', { credential: jwt });
		expect(fromJwt.status, JSON.stringify(fromJwt.body)).toBe(200);
		expect(fromJwt.body).toMatchObject({ id: first.id, format: 'jwt', jwt, valid: true });
		const list = await learner.get('/api/v1/me/imported-credentials');
		expect(list.body.items).toHaveLength(1);
	});

	it('gives each learner their own wallet', async () => {
		const other = await signUp(platform, 'other');
		const imported = await other.post('/api/v1/me/imported-credentials', { image: `data:image/svg+xml;base64,${(await bytesOf(`${credentialUrl}.svg`)).toString('base64')}` });
		expect(imported.status).toBe(201);
		expect(imported.body.format).toBe('svg');
		expect((await other.get('/api/v1/me/imported-credentials')).body.items).toHaveLength(1);
		expect((await learner.get('/api/v1/me/imported-credentials')).body.items).toHaveLength(1);
		expect((await other.delete(`/api/v1/me/imported-credentials/${(await learner.get('/api/v1/me/imported-credentials')).body.items[0].id}`)).status).toBe(404);
	});
});

describe('DELETE /api/v1/me/imported-credentials/{id}', () => {
	it('removes a badge from the learner’s wallet', async () => {
		const [item] = (await learner.get('/api/v1/me/imported-credentials')).body.items;
		expect((await platform.anonymous.delete(`/api/v1/me/imported-credentials/${item.id}`)).status).toBe(401);
		expect((await learner.delete('/api/v1/me/imported-credentials/not-a-uuid')).status).toBe(404);
		expect((await learner.delete(`/api/v1/me/imported-credentials/${item.id}`)).status).toBe(204);
		expect((await learner.get('/api/v1/me/imported-credentials')).body.items).toEqual([]);
		expect((await learner.delete(`/api/v1/me/imported-credentials/${item.id}`)).status).toBe(404);
	});
});
