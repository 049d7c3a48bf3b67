/**
 * Awarding, verifying and revoking Open Badges 3.0 credentials through HTTP. The signatures are checked
 * with third-party libraries (Digital Bazaar's vc and the Digital Credentials Consortium's
 * verifier-core), which resolve the issuer's did:web document from the running server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { thirdPartyVerify as verifyWithLibraries } from '../../../../tests/support/third-party-verify';
import { activityBody, approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activityId = (await publishedActivity(setup.owner, setup.organisation.id, { skills: ['lifecomp:P2', 'digcomp:3.4'] })).id;
});
afterAll(() => platform?.server.stop());

const thirdPartyVerify = (credential: object) => verifyWithLibraries(platform.server.url, credential);

async function revokedBit(credential: { credentialStatus: { statusListCredential: string; statusListIndex: string } }) {
	const list = await (await fetch(credential.credentialStatus.statusListCredential)).json();
	const verified = await thirdPartyVerify(list);
	expect(verified.verified).toBe(true);
	return (await decodeList({ encodedList: list.credentialSubject.encodedList })).getStatus(Number(credential.credentialStatus.statusListIndex));
}

async function enrolledLearner(label: string) {
	const learner = await signUp(platform, label);
	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	expect(joined.status).toBe(201);
	return { learner, enrolmentId: joined.body.enrolment.id as string };
}

describe('awarding a badge', () => {
	it('issues one signed Open Badges 3.0 credential per learner, as a did:web issuer', async () => {
		const { learner, enrolmentId } = await enrolledLearner('award');
		const first = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`, { narrative: 'Repaired three bikes.' });
		expect(first.status).toBe(201);
		const again = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
		expect(again.status).toBe(200);
		expect(again.body.credential.id).toBe(first.body.credential.id);

		const res = await fetch(`${first.body.credential.url}.json`);
		expect(res.headers.get('content-type')).toContain('application/vc+ld+json');
		const credential = await res.json();
		expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json']);
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(credential.id).toBe(first.body.credential.url);
		expect(credential.issuer.id).toMatch(new RegExp(`^did:web:127\\.0\\.0\\.1%3A\\d+:organisations:${setup.organisation.id}$`));
		expect(credential.credentialSubject.identifier[0]).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
		expect(credential.credentialSubject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
		expect(JSON.stringify(credential)).not.toContain(learner.email);
		expect(credential.credentialSubject.achievement.alignment.map((a: { targetCode: string }) => a.targetCode)).toEqual(['P2', '3.4']);
		expect(credential.evidence).toEqual([{ type: ['Evidence'], narrative: 'Repaired three bikes.' }]);
		expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
		expect(Array.isArray(credential.proof)).toBe(true);
		expect(credential.proof[0]).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });

		// Content negotiation on the credential's own URL.
		const asJsonLd = await fetch(first.body.credential.url, { headers: { accept: 'application/ld+json' } });
		expect((await asJsonLd.json()).id).toBe(credential.id);
		const asPage = await fetch(first.body.credential.url, { headers: { accept: 'text/html' } });
		expect(await asPage.text()).toContain('<h1');

		const mine = await learner.get('/api/v1/me/credentials');
		expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.credential.id]);
		const participants = await setup.owner.get(`/api/v1/activities/${activityId}/enrolments`);
		expect(participants.body.items.find((p: { email: string }) => p.email === learner.email).status).toBe('completed');
		expect(participants.body.items.find((p: { email: string }) => p.email === learner.email)).toMatchObject({
			credential: { id: first.body.credential.id, url: first.body.credential.url, revoked: false },
			awardable: false
		});
	});

	it('passes a third-party signature check; a tampered copy fails', async () => {
		const { enrolmentId } = await enrolledLearner('verify');
		const awarded = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
		const credential = await (await fetch(`${awarded.body.credential.url}.json`)).json();
		const verified = await thirdPartyVerify(credential);
		expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
		const tampered = structuredClone(credential);
		tampered.credentialSubject.achievement.name = 'Rocket science';
		expect((await thirdPartyVerify(tampered)).verified).toBe(false);

		const ours = await platform.anonymous.post('/api/v1/verify', { credential });
		expect(ours.status).toBe(200);
		expect(ours.body.valid).toBe(true);
		expect(ours.body.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([['format', true], ['signature', true], ['dates', true], ['revocation', true]]);
		const oursTampered = await platform.anonymous.post('/api/v1/verify', { credential: JSON.stringify(tampered) });
		expect(oursTampered.body.valid).toBe(false);
		expect(oursTampered.body.checks.find((c: { check: string }) => c.check === 'signature').ok).toBe(false);
	});

	it('is accepted by the Digital Credentials Consortium verifier, offline, with and without endorsements', async () => {
		const { enrolmentId } = await enrolledLearner('dcc');
		const awarded = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
		const credential = await (await fetch(`${awarded.body.credential.url}.json`)).json();
		// The same organisation's badge, endorsed by another: the credential then carries a signed
		// EndorsementCredential inside its achievement.
		const endorsedActivity = await publishedActivity(setup.owner, setup.organisation.id, { title: { en: 'Endorsed course' } });
		const employer = await approvedOrganisation(platform);
		await employer.owner.post(`/api/v1/activities/${endorsedActivity.id}/endorsements`, { organisationId: employer.organisation.id, comment: 'We recognise it.' });
		const endorsedLearner = await signUp(platform, 'dcc-endorsed');
		const endorsedJoin = await endorsedLearner.post(`/api/v1/activities/${endorsedActivity.id}/enrolments`);
		const endorsedAward = await setup.owner.post(`/api/v1/enrolments/${endorsedJoin.body.enrolment.id}/award`);
		const endorsed = await (await fetch(`${endorsedAward.body.credential.url}.json`)).json();
		expect(endorsed.credentialSubject.achievement.endorsement).toHaveLength(1);
		const registryUrl = 'https://registry.test/issuers.json';
		const realFetch = globalThis.fetch;
		// The verifier fetches https URLs (did:web, the status list); route those to the test server.
		globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
			const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
			if (url === registryUrl) return Response.json({ registry: { [credential.issuer.id]: { name: 'Test issuer', url: 'https://example.org', location: 'Breda' } } });
			const host = new URL(platform.server.url).host;
			if (url.startsWith(`https://${host}/`)) return realFetch(url.replace('https://', 'http://'), init);
			if (url.startsWith(`http://${host}/`)) return realFetch(url, init);
			throw new TypeError(`offline: ${url}`);
		}) as typeof fetch;
		try {
			const { verifyCredential } = await import('@digitalcredentials/verifier-core');
			for (const checked of [credential, endorsed]) {
				const result = await verifyCredential({ credential: checked, knownDIDRegistries: [{ type: 'dcc-legacy', name: 'Test registry', url: registryUrl }] });
				const log = Object.fromEntries((result.log ?? []).map((entry) => [entry.id, entry.valid]));
				expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
				expect(log, JSON.stringify(result.log)).toMatchObject({ valid_signature: true, revocation_status: true, expiration: true, registered_issuer: true });
			}
		} finally {
			globalThis.fetch = realFetch;
		}
	});

	it('revokes once, with a reason; the status list and verification show it at once', async () => {
		const { enrolmentId } = await enrolledLearner('revoke');
		const awarded = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
		const credential = await (await fetch(`${awarded.body.credential.url}.json`)).json();
		expect(await revokedBit(credential)).toBe(false);
		const noReason = await setup.owner.post(`/api/v1/credentials/${awarded.body.credential.id}/revoke`, { reason: '   ' });
		expect(noReason.status).toBe(422);
		expect(await revokedBit(credential)).toBe(false);
		const revoked = await setup.owner.post(`/api/v1/credentials/${awarded.body.credential.id}/revoke`, { reason: 'Awarded by mistake' });
		expect(revoked.status).toBe(200);
		expect(revoked.body.credential).toMatchObject({ revoked: true, revocationReason: 'Awarded by mistake' });
		expect(await revokedBit(credential)).toBe(true);
		const twice = await setup.owner.post(`/api/v1/credentials/${awarded.body.credential.id}/revoke`, { reason: 'again' });
		expect(twice.status).toBe(409);
		expect(twice.body.error.code).toBe('invalid_state');
		const verified = await platform.anonymous.post('/api/v1/verify', { credential });
		expect(verified.body.valid).toBe(false);
		expect(verified.body.checks.find((c: { check: string }) => c.check === 'revocation')).toMatchObject({ ok: false, message: expect.stringContaining('Awarded by mistake') });
	});

	it('refuses what it must, and changes nothing', async () => {
		const { learner, enrolmentId } = await enrolledLearner('refused');
		const listed = await setup.owner.get(`/api/v1/activities/${activityId}/enrolments`);
		expect(listed.body.items.find((p: { enrolmentId: string }) => p.enrolmentId === enrolmentId)).toMatchObject({ credential: null, awardable: true });
		const other = await approvedOrganisation(platform);
		expect((await other.owner.post(`/api/v1/enrolments/${enrolmentId}/award`)).status).toBe(403);
		expect((await learner.post(`/api/v1/enrolments/${enrolmentId}/award`)).status).toBe(403);
		expect((await platform.anonymous.post(`/api/v1/enrolments/${enrolmentId}/award`)).status).toBe(401);
		expect((await setup.owner.post('/api/v1/enrolments/00000000-0000-4000-8000-000000000000/award')).status).toBe(404);
		expect((await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`, { narrative: 'x'.repeat(5000) })).status).toBe(422);
		expect((await learner.delete(`/api/v1/activities/${activityId}/enrolments/me`)).status).toBeLessThan(300);
		const left = await setup.owner.post(`/api/v1/enrolments/${enrolmentId}/award`);
		expect(left.status).toBe(409);
		expect((await learner.get('/api/v1/me/credentials')).body.items).toEqual([]);
		expect((await setup.owner.post('/api/v1/credentials/00000000-0000-4000-8000-000000000000/revoke', { reason: 'x' })).status).toBe(404);
		const notCredential = await platform.anonymous.post('/api/v1/verify', { credential: { hello: 'world' } });
		expect(notCredential.body).toMatchObject({ valid: false, checks: [{ check: 'format', ok: false }] });
		expect((await platform.anonymous.post('/api/v1/verify', { credential: '{not json' })).status).toBe(422);
		expect((await fetch(`${platform.server.url}/credentials/not-an-id.json`)).status).toBe(404);
	});

	it('publishes the issuer’s DID document with its Multikey under assertionMethod', async () => {
		const did = await (await fetch(`${platform.server.url}/organisations/${setup.organisation.id}/did.json`)).json();
		expect(did.id).toMatch(/^did:web:/);
		expect(did.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: did.id, publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
		expect(did.assertionMethod).toEqual([did.verificationMethod[0].id]);
		expect(JSON.stringify(did)).not.toMatch(/secret/i);
	});

	it('expires as its badge says, carries its tags, and is not awarded once its fixed day has passed', async () => {
		const badge = { name: { en: 'First aid' }, description: { en: 'Basic first aid' }, criteria: { en: 'Passed the practical test' }, tags: ['health', 'safety'] };
		const monthly = await publishedActivity(setup.owner, setup.organisation.id, { badge: { ...badge, validForMonths: 24 } });
		const learner = await signUp(platform, 'first-aider');
		const joined = await learner.post(`/api/v1/activities/${monthly.id}/enrolments`);
		const awarded = await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		const credential = await (await fetch(`${awarded.body.credential.url}.json`)).json();
		const months = (Date.parse(credential.validUntil) - Date.parse(credential.validFrom)) / (30.44 * 86_400_000);
		expect(Math.round(months)).toBe(24);
		expect(credential.credentialSubject.achievement.tag).toEqual(['health', 'safety']);
		const report = await platform.anonymous.post('/api/v1/verify', { credential });
		expect(report.body.checks.find((c: { check: string }) => c.check === 'dates')).toMatchObject({ ok: true, message: `Valid until ${credential.validUntil}.` });
		expect((await thirdPartyVerify(credential)).verified).toBe(true);

		const lapsed = await publishedActivity(setup.owner, setup.organisation.id, { badge: { ...badge, expiresOn: '2020-06-30' } });
		const late = await learner.post(`/api/v1/activities/${lapsed.id}/enrolments`);
		const refused = await setup.owner.post(`/api/v1/enrolments/${late.body.enrolment.id}/award`);
		expect(refused.status).toBe(409);
		expect(refused.body.error.message).toContain('2020-06-30');
		expect((await learner.get('/api/v1/me/credentials')).body.items).toHaveLength(1);

		const both = await setup.owner.post('/api/v1/activities', { ...activityBody(setup.organisation.id), badge: { ...badge, validForMonths: 12, expiresOn: '2031-01-01' } });
		expect(both.status).toBe(422);
		expect(both.body.error.details.map((d: { path: string }) => d.path)).toEqual(['badge.expiresOn']);
	});

	it('rotates the signing key: old credentials still verify, new ones use the new key', async () => {
		const fresh = await approvedOrganisation(platform);
		const activity = await publishedActivity(fresh.owner, fresh.organisation.id);
		const award = async (label: string) => {
			const learner = await signUp(platform, label);
			const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
			const awarded = await fresh.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
			return (await fetch(`${awarded.body.credential.url}.json`)).json();
		};
		const before = await award('before-rotation');
		expect(before.proof[0].verificationMethod).toMatch(/#key-1$/);
		const outsider = await signUp(platform, 'outsider');
		expect((await outsider.post(`/api/v1/organisations/${fresh.organisation.id}/keys/rotate`)).status).toBe(403);
		const rotated = await fresh.owner.post(`/api/v1/organisations/${fresh.organisation.id}/keys/rotate`);
		expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
		expect(rotated.body).toMatchObject({ keyId: expect.stringMatching(/#key-2$/), retired: 1 });

		const did = await (await fetch(`${platform.server.url}/organisations/${fresh.organisation.id}/did.json`)).json();
		expect(did.assertionMethod.map((id: string) => id.split('#')[1])).toEqual(['key-1', 'key-2']);
		const after = await award('after-rotation');
		expect(after.proof[0].verificationMethod).toBe(rotated.body.keyId);
		for (const credential of [before, after]) expect((await thirdPartyVerify(credential)).verified).toBe(true);
	});

	it('is endorsed by another organisation: a signed EndorsementCredential, carried by credentials issued after', async () => {
		const issuer = await approvedOrganisation(platform);
		const activity = await publishedActivity(issuer.owner, issuer.organisation.id, { title: { en: 'Welding basics' } });
		const employer = await approvedOrganisation(platform);
		const endorsed = await employer.owner.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: employer.organisation.id, comment: 'We hire people with this badge.' });
		expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(201);
		const endorsement = await (await fetch(endorsed.body.url)).json();
		expect(endorsement).toMatchObject({ type: ['VerifiableCredential', 'EndorsementCredential'], credentialSubject: { type: ['EndorsementSubject'], endorsementComment: 'We hire people with this badge.' } });
		expect(endorsement.issuer.id).toContain(employer.organisation.id);
		expect((await thirdPartyVerify(endorsement)).verified).toBe(true);
		expect((await platform.anonymous.post('/api/v1/verify', { credential: endorsement })).body.valid).toBe(true);

		const learner = await signUp(platform, 'welder');
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const awarded = await issuer.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		const credential = await (await fetch(`${awarded.body.credential.url}.json`)).json();
		expect(credential.credentialSubject.achievement.endorsement).toEqual([endorsement]);
		const verified = await thirdPartyVerify(credential);
		expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
		expect((await platform.anonymous.post('/api/v1/verify', { credential })).body.valid).toBe(true);

		// Refused: twice, by the issuer itself, by someone who does not speak for the organisation.
		const again = await employer.owner.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: employer.organisation.id, comment: 'Again' });
		expect(again.status).toBe(409);
		expect((await issuer.owner.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: issuer.organisation.id, comment: 'Ourselves' })).status).toBe(409);
		expect((await learner.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: employer.organisation.id, comment: 'Not mine' })).status).toBe(403);
		expect((await employer.owner.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: employer.organisation.id, comment: '' })).status).toBe(422);
		const listed = await platform.anonymous.get(`/api/v1/activities/${activity.id}/endorsements`);
		expect(listed.body.items.map((e: { comment: string }) => e.comment)).toEqual(['We hire people with this badge.']);

		expect((await learner.post(`/api/v1/endorsements/${endorsed.body.id}/withdraw`)).status).toBe(403);
		expect((await employer.owner.post(`/api/v1/endorsements/${endorsed.body.id}/withdraw`)).status).toBe(200);
		expect((await employer.owner.post(`/api/v1/endorsements/${endorsed.body.id}/withdraw`)).status).toBe(409);
		expect((await platform.anonymous.get(`/api/v1/activities/${activity.id}/endorsements`)).body.items).toEqual([]);
	});
});

