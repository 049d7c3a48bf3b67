/**
 * A learner's records through HTTP: the comprehensive learner record (CLR 2.0) signed by the platform's
 * did:web key and checked here with jose against the DID document the server publishes; the archive
 * of all their data without secrets; and what deleting the account leaves verifiable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { thirdPartyVerify } from '../../../../tests/support/third-party-verify';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let learner: ApiClient & { userId: string; email: string };
const awarded: string[] = [];
let revokedId: string;
let playlistId: string;

async function award(activityId: string) {
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	const res = await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
	expect(res.status).toBe(201);
	return res.body.credential.id as string;
}

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	learner = await signUp(platform, 'record');
	const [first, second, third] = [
		await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'First step' } }),
		await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Second step' } }),
		await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Given back' } })
	];
	const playlist = await setup.owner.post('/api/v1/playlists', { organisationId: setup.organisation.id, title: { en: 'Two steps' }, description: {}, items: [{ activityId: first.id }, { activityId: second.id }] });
	playlistId = playlist.body.id;
	await setup.owner.post(`/api/v1/playlists/${playlistId}/publish`);
	await learner.post(`/api/v1/playlists/${playlistId}/follow`);
	awarded.push(await award(first.id), await award(second.id));
	revokedId = await award(third.id);
	await setup.owner.post(`/api/v1/credentials/${revokedId}/revoke`, { reason: 'Awarded by mistake' });
	await learner.post('/api/v1/me/tokens', { name: 'My wallet app' });
});
afterAll(() => platform?.server.stop());

async function platformKey(kid: string) {
	const did = kid.split('#')[0]!;
	const document = await (await fetch(`${platform.server.url}/.well-known/did.json`)).json();
	expect(document.id).toBe(did);
	const method = document.verificationMethod.find((m: { id: string }) => m.id === kid);
	const keyPair = await Ed25519Multikey.from(method);
	return importJWK((await Ed25519Multikey.toJwk({ keyPair })) as JWK, 'EdDSA');
}

describe('the comprehensive learner record', () => {
	it('is for the signed-in learner only', async () => {
		expect((await platform.anonymous.get('/api/v1/me/clr')).status).toBe(401);
		const page = await fetch(`${platform.server.url}/account/records/clr.jwt`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toContain('/login');
	});

	it('holds every standing credential as issued, links the playlist to its steps, and is signed by the platform', async () => {
		const res = await learner.get('/api/v1/me/clr');
		expect(res.status).toBe(200);
		const { credential: record, jwt } = res.body;
		expect(record.type).toEqual(['VerifiableCredential', 'ClrCredential']);
		expect(record.issuer.id).toBe(`did:web:${encodeURIComponent(new URL(platform.server.url).host)}`);
		const held = record.credentialSubject.verifiableCredential as { id: string; credentialSubject: { achievement: { id: string } } }[];
		const playlistCredential = held.find((c) => c.credentialSubject.achievement.id.endsWith(`/playlists/${playlistId}#badge`));
		expect(playlistCredential).toBeDefined();
		// Two activity badges and the playlist badge; the revoked one is not part of the record.
		expect(held.map((c) => c.id)).toEqual(expect.arrayContaining(awarded.map((id) => `${platform.server.url}/credentials/${id}`)));
		expect(held.map((c) => c.id)).not.toContain(`${platform.server.url}/credentials/${revokedId}`);
		expect(held).toHaveLength(3);
		expect(record.credentialSubject.achievement).toHaveLength(3);
		expect(record.credentialSubject.association).toHaveLength(2);
		expect(record.credentialSubject.association[0]).toMatchObject({ associationType: 'isPartOf', targetId: playlistCredential!.credentialSubject.achievement.id });
		expect(JSON.stringify(record.credentialSubject)).not.toContain(learner.email);
		// Each credential inside still verifies on its own, with a third-party library.
		for (const credential of held) expect((await thirdPartyVerify(platform.server.url, credential)).verified).toBe(true);

		const header = decodeProtectedHeader(jwt);
		expect(header).toMatchObject({ alg: 'EdDSA', kid: `${record.issuer.id}#platform-1` });
		const { payload } = await jwtVerify(jwt, await platformKey(header.kid!), { issuer: record.issuer.id });
		expect(payload.vc).toMatchObject({ id: record.id, type: ['VerifiableCredential', 'ClrCredential'] });
		const [head, body, signature] = jwt.split('.');
		const forged = Buffer.from(JSON.stringify({ ...payload, vc: { ...(payload.vc as object), name: 'Someone else' } })).toString('base64url');
		await expect(jwtVerify(`${head}.${forged}.${signature}`, await platformKey(header.kid!))).rejects.toThrow();
		expect(body).toBeTruthy();

		const download = await fetch(`${platform.server.url}/account/records/clr.jwt`, { headers: { authorization: `Bearer ${learner.token}` } });
		expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="learner-record-\d{4}-\d{2}-\d{2}\.jwt"/);
		await jwtVerify(await download.text(), await platformKey(header.kid!));
	});
});

describe('all my data', () => {
	it('lists what the platform keeps about the learner, without secrets', async () => {
		expect((await platform.anonymous.get('/api/v1/me/archive')).status).toBe(401);
		const res = await learner.get('/api/v1/me/archive');
		expect(res.status).toBe(200);
		const archive = res.body;
		expect(archive.account).toMatchObject({ id: learner.userId, email: learner.email });
		expect(archive.enrolments).toHaveLength(3);
		expect(archive.credentials).toHaveLength(4);
		expect(archive.credentials.find((c: { id: string }) => c.id === revokedId).revoked).toMatchObject({ reason: 'Awarded by mistake' });
		expect(archive.playlists).toEqual([expect.objectContaining({ playlistId })]);
		expect(archive.apiTokens).toEqual([expect.objectContaining({ name: 'My wallet app' })]);
		const text = JSON.stringify(archive);
		for (const secret of ['tokenHash', 'token_hash', 'password', 'calendarTokenHash"']) expect(text).not.toContain(secret);
		const file = await fetch(`${platform.server.url}/account/records/archive.json`, { headers: { authorization: `Bearer ${learner.token}` } });
		expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-/);
		expect((await file.json()).account.email).toBe(learner.email);
	});
});

describe('deleting the account', () => {
	it('leaves the badges issued verifiable as issued', async () => {
		const leaving = await signUp(platform, 'leaving');
		const activity = await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Farewell' } });
		const joined = await leaving.post(`/api/v1/activities/${activity.id}/enrolments`);
		const credential = (await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential;
		expect((await leaving.delete('/api/v1/me', { password: 'a good password' })).status).toBe(204);
		expect((await leaving.get('/api/v1/me')).status).toBe(401);
		const check = await platform.anonymous.post('/api/v1/verify', { url: credential.url });
		expect(check.body.valid).toBe(true);
	});
});
