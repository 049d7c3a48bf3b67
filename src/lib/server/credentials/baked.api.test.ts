/**
 * Baked badges (the credential inside its PNG and SVG image) and the verifier's inputs: JSON, a link,
 * an image; and what it refuses (private addresses, oversized files, images that carry no badge).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { extractFromPng, extractFromSvg } from './baking';
import { signCredential } from './openbadge';
import { didWebUrl } from './did-resolver';
import { activityBody, approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
let credentialUrl: string;
let credential: Record<string, unknown>;
let learnerEmail: string;

beforeAll(async () => {
	platform = await startPlatform();
	const { owner, organisation } = await approvedOrganisation(platform);
	const activity = await publishedActivity(owner, organisation.id, { badge: { name: { en: 'Bike repair', nl: 'Fietsreparatie' }, description: { en: 'Fixes bikes' }, criteria: { en: 'Repaired three bikes' } } });
	const learner = await signUp(platform, 'baked');
	learnerEmail = learner.email;
	const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
	const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
	credentialUrl = awarded.body.credential.url;
	credential = await (await fetch(`${credentialUrl}.json`)).json();
});
afterAll(() => platform?.server.stop());

const verify = (body: unknown) => platform.anonymous.post('/api/v1/verify', body);
const outcome = (body: { checks: { check: string; ok: boolean | null }[] }) => Object.fromEntries(body.checks.map((c) => [c.check, c.ok]));

describe('a baked badge', () => {
	it('downloads as a PNG and an SVG that extract to the same signed credential', async () => {
		const png = await fetch(`${credentialUrl}.png`);
		expect(png.status).toBe(200);
		expect(png.headers.get('content-type')).toBe('image/png');
		const pngBytes = Buffer.from(await png.arrayBuffer());
		expect((await sharp(pngBytes).metadata()).format).toBe('png');
		const fromPng = extractFromPng(pngBytes);
		expect(fromPng?.version).toBe(3);
		expect(JSON.parse(fromPng!.text)).toEqual(credential);

		const svg = await fetch(`${credentialUrl}.svg`);
		expect(svg.headers.get('content-type')).toContain('image/svg+xml');
		expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
		const svgText = await svg.text();
		// Written in the city's language, as the credential is (Breda: Dutch).
		expect(credential.name).toBe('Fietsreparatie');
		expect(svgText).toContain('Fietsreparatie');
		expect(JSON.parse(extractFromSvg(svgText)!.text)).toEqual(credential);
	});

	it('points its achievement at the activity’s badge image, which is served', async () => {
		const subject = credential.credentialSubject as { achievement: { image: { id: string; type: string; caption: string } } };
		expect(subject.achievement.image).toMatchObject({ type: 'Image', caption: 'Fietsreparatie' });
		const image = await fetch(subject.achievement.image.id);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(extractFromPng(Buffer.from(await image.arrayBuffer()))).toBeUndefined();
		expect((await fetch(`${platform.server.url}/activities/00000000-0000-4000-8000-000000000000/badge.svg`)).status).toBe(404);
	});

	it('is drawn as the organiser designed it: colour and icon, and refuses others', async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const designed = await publishedActivity(owner, organisation.id, { badge: { name: { en: 'Reader' }, description: { en: 'Reads' }, criteria: { en: 'Read five books' }, design: { colour: 'green', icon: 'book' } } });
		const svg = await (await fetch(`${platform.server.url}/activities/${designed.id}/badge.svg`)).text();
		expect(svg).toContain('hsl(140, 55%, 28%)');
		expect((await owner.get(`/api/v1/activities/${designed.id}`)).body.badge.design).toEqual({ colour: 'green', icon: 'book' });
		const refused = await owner.post('/api/v1/activities', { ...activityBody(organisation.id), badge: { name: { en: 'X' }, description: { en: 'X' }, criteria: { en: 'X' }, design: { colour: 'gold' } } });
		expect(refused.status).toBe(422);
	});

	it('is verified from the image, the JSON file and the link', async () => {
		const png = Buffer.from(await (await fetch(`${credentialUrl}.png`)).arrayBuffer());
		const svg = await (await fetch(`${credentialUrl}.svg`)).text();
		for (const body of [{ image: png.toString('base64') }, { image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }, { url: credentialUrl }, { url: `${credentialUrl}.png` }, { credential: credentialUrl }]) {
			const res = await verify(body);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(outcome(res.body)).toEqual({ format: true, signature: true, dates: true, revocation: true });
		}
		expect((await verify({ url: `${platform.server.url}/credentials/00000000-0000-4000-8000-000000000000` })).status).toBe(404);
		// With an e-mail, the recipient is checked too.
		const theirs = await verify({ url: credentialUrl, email: learnerEmail.toUpperCase() });
		expect(outcome(theirs.body).recipient).toBe(true);
		const notTheirs = await verify({ url: credentialUrl, email: 'someone@example.org' });
		expect(outcome(notTheirs.body).recipient).toBe(false);
		expect(notTheirs.body.valid).toBe(false);
	});
});

describe('the verifier refuses', () => {
	it('links into private networks, before connecting', async () => {
		for (const url of ['http://127.0.0.1:9/credentials/x.json', 'http://10.0.0.1/badge.json', 'http://[::1]/x', 'file:///etc/passwd']) {
			const res = await verify({ url });
			expect(res.status, url).toBe(422);
			expect(res.body.error.code).toBe('url_not_allowed');
		}
	});

	it('files over 5 MB and bodies over 8 MB, with the error shape', async () => {
		const large = Buffer.alloc(6 * 1024 * 1024, 1);
		const res = await verify({ image: large.toString('base64') });
		expect(res.status).toBe(413);
		expect(res.body.error.code).toBe('payload_too_large');
		const huge = await fetch(`${platform.server.url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image: Buffer.alloc(50 * 1024 * 1024).toString('base64') }) });
		expect(huge.status).toBe(413);
		expect((await huge.json()).error.code).toBe('payload_too_large');
	});

	it('images that carry no badge, what is not an image, a JWT with no credential, and nothing at all', async () => {
		const plain = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
		const cases: [unknown, string][] = [
			[{ image: plain.toString('base64') }, 'unsupported_format'],
			[{ image: Buffer.from('GIF89a not a badge').toString('base64') }, 'unsupported_format'],
			[{ image: '***' }, 'invalid_format'],
			[{ credential: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }, 'unsupported_format'],
			[{ credential: '{not json' }, 'invalid_json'],
			[{}, 'custom']
		];
		for (const [body, code] of cases) {
			const res = await verify(body);
			expect(res.status, JSON.stringify(body)).toBe(422);
			expect(res.body.error.code).toBe('validation_failed');
			expect(res.body.error.details.map((d: { code: string }) => d.code), JSON.stringify(res.body)).toContain(code);
		}
	});
});

describe('the Open Badges 2.0 view of the same award', () => {
	it('is a hosted assertion whose badge class and issuer resolve on the same origin, and is baked the 2.0 way', async () => {
		const id = credentialUrl.split('/').pop()!;
		const assertionUrl = `${platform.server.url}/ob2/assertions/${id}`;
		const assertion = await (await fetch(assertionUrl)).json();
		// The hosted-verification rules of OB 2.0: the document is at its own id, on the issuer's origin.
		expect(assertion).toMatchObject({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: assertionUrl, verification: { type: 'hosted' } });
		expect(new Date(assertion.issuedOn).toISOString()).toBe(assertion.issuedOn);
		expect(assertion.recipient).toMatchObject({ type: 'email', hashed: true });
		expect(assertion.recipient.identity).toBe(`sha256$${createHash('sha256').update(learnerEmail + assertion.recipient.salt).digest('hex')}`);
		const badge = await (await fetch(assertion.badge)).json();
		expect(badge).toMatchObject({ '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: assertion.badge, name: 'Fietsreparatie' });
		expect(badge.criteria.narrative).toBeTruthy();
		expect((await fetch(badge.image)).headers.get('content-type')).toBe('image/png');
		const issuer = await (await fetch(badge.issuer)).json();
		expect(issuer).toMatchObject({ type: 'Issuer', id: badge.issuer, name: expect.any(String), email: expect.any(String) });
		expect(new Set([assertion.id, badge.id, issuer.id].map((url: string) => new URL(url).origin)).size).toBe(1);

		const baked = extractFromPng(Buffer.from(await (await fetch(`${assertionUrl}.png`)).arrayBuffer()));
		expect(baked).toEqual({ version: 2, text: assertionUrl });
		// The verifier reads a 2.0 baked badge of this platform as the award it stands for.
		const png = Buffer.from(await (await fetch(`${assertionUrl}.png`)).arrayBuffer());
		expect((await platform.anonymous.post('/api/v1/verify', { image: png.toString('base64') })).body.valid).toBe(true);
		// So is the 2.0 assertion itself, pasted or linked.
		expect((await platform.anonymous.post('/api/v1/verify', { credential: JSON.stringify(assertion) })).body.valid).toBe(true);
		expect((await platform.anonymous.post('/api/v1/verify', { url: assertionUrl })).body.valid).toBe(true);
	});

	it('answers 410 with revoked: true once the credential is revoked', async () => {
		const setup = await approvedOrganisation(platform);
		const activity = await publishedActivity(setup.owner, setup.organisation.id);
		const learner = await signUp(platform, 'ob2-revoked');
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const awarded = await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		await setup.owner.post(`/api/v1/credentials/${awarded.body.credential.id}/revoke`, { reason: 'Awarded by mistake' });
		const gone = await fetch(`${platform.server.url}/ob2/assertions/${awarded.body.credential.id}`);
		expect(gone.status).toBe(410);
		expect(await gone.json()).toMatchObject({ revoked: true, revocationReason: 'Awarded by mistake' });
		expect((await fetch(`${platform.server.url}/ob2/assertions/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
		expect((await fetch(`${platform.server.url}/ob2/badges/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
	});
});

describe('the VC-JWT form', () => {
	it('carries the same credential, signed with the key its DID document lists, and verifies here', async () => {
		const res = await fetch(`${credentialUrl}.jwt`);
		expect(res.headers.get('content-type')).toBe('application/jwt');
		const token = await res.text();
		const header = decodeProtectedHeader(token);
		expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
		const { proof: _proof, ...withoutProof } = credential;
		// Checked with jose against the key published in the issuer's did:web document.
		const did = (credential.issuer as { id: string }).id;
		const organisationId = did.split(':').pop();
		const document = await (await fetch(`${platform.server.url}/organisations/${organisationId}/did.json`)).json();
		const method = document.verificationMethod.find((m: { id: string }) => m.id === header.kid);
		const publicKey = await importJWK((await Ed25519Multikey.toJwk({ keyPair: await Ed25519Multikey.from(method) })) as JWK, 'EdDSA');
		const { payload } = await jwtVerify(token, publicKey);
		expect(payload).toMatchObject({ iss: did, jti: credential.id, vc: withoutProof });
		expect(payload.nbf).toBe(Math.floor(Date.parse(String(credential.validFrom)) / 1000));

		const ours = await platform.anonymous.post('/api/v1/verify', { credential: token });
		expect(outcome(ours.body)).toEqual({ format: true, signature: true, dates: true, revocation: true });
		const asFile = await platform.anonymous.post('/api/v1/verify', { image: Buffer.from(token).toString('base64') });
		expect(asFile.body.valid).toBe(true);
		const [head, body, signature] = token.split('.');
		const forged = JSON.parse(Buffer.from(body!, 'base64url').toString());
		forged.vc.credentialSubject.achievement.name = 'Rocket science';
		const tampered = await platform.anonymous.post('/api/v1/verify', { credential: `${head}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}` });
		expect(outcome(tampered.body).signature).toBe(false);
		expect(tampered.body.valid).toBe(false);
	});
});

describe('credentials from other platforms', () => {
	it('are verified under did:key, and a tampered one fails', async () => {
		// Another platform's issuer, identified by its key alone.
		const generated = await Ed25519Multikey.generate({});
		const { publicKeyMultibase, secretKeyMultibase } = await generated.export({ publicKey: true, secretKey: true, includeContext: false });
		const did = `did:key:${publicKeyMultibase}`;
		const keyPair = await Ed25519Multikey.from({ type: 'Multikey', id: `${did}#${publicKeyMultibase}`, controller: did, publicKeyMultibase, secretKeyMultibase });
		const { proof: _proof, id: _id, credentialStatus: _status, ...rest } = credential;
		const foreign = await signCredential({ ...rest, id: 'https://badges.example.org/credentials/42', issuer: { id: did, type: ['Profile'], name: 'Elsewhere Academy' } }, keyPair);

		const res = await verify({ credential: foreign });
		expect(outcome(res.body)).toEqual({ format: true, signature: true, dates: true, revocation: true });
		expect(res.body.issuer).toMatchObject({ id: did, name: 'Elsewhere Academy', local: false });
		const tampered = structuredClone(foreign) as { name: string };
		tampered.name = 'Something else';
		expect(outcome((await verify({ credential: tampered })).body).signature).toBe(false);
	});

	it('are resolved through did:web at the address the method defines', () => {
		expect(didWebUrl('did:web:badges.example.org')).toBe('https://badges.example.org/.well-known/did.json');
		expect(didWebUrl('did:web:badges.example.org%3A8443:issuers:7')).toBe('https://badges.example.org:8443/issuers/7/did.json');
		expect(didWebUrl('did:key:z6Mk')).toBeUndefined();
	});
});

