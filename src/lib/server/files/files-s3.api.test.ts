/**
 * Uploaded files in S3-compatible object storage: the platform runs with FILES_S3_* pointing at a
 * stand-in for S3 that checks Signature Version 4 and payload hashes as S3 does. Activity images,
 * badge images and evidence files go there and come back through the platform; none lands on disk.
 * When the storage is down, an upload gets a clear error and changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { startFakeS3, type FakeS3 } from '../../../../tests/support/fake-s3';
import { s3FileStore } from './store';

const S3 = { bucket: 'col-files', region: 'eu-west-1', accessKeyId: 'AKIATESTKEY', secretAccessKey: 'test secret access key' };
let s3: FakeS3;
let filesDir: string;
let platform: Platform;

const storedKeys = () => [...s3.objects.keys()];
const png = (colour: string) => sharp({ create: { width: 40, height: 40, channels: 3, background: colour } }).png().toBuffer();

beforeAll(async () => {
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-local-files-'));
	s3 = await startFakeS3(S3);
	platform = await startPlatform({
		FILES_DIR: filesDir,
		FILES_S3_BUCKET: S3.bucket,
		FILES_S3_ENDPOINT: s3.endpoint,
		FILES_S3_REGION: S3.region,
		FILES_S3_ACCESS_KEY_ID: S3.accessKeyId,
		FILES_S3_SECRET_ACCESS_KEY: S3.secretAccessKey
	});
}, 120_000);

afterAll(async () => {
	await platform?.server.stop();
	await s3?.close();
	fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('the S3 file store itself', () => {
	it('signs its requests: a wrong secret is refused by the storage, and the platform says the storage refused', async () => {
		const settings = { ...S3, endpoint: s3.endpoint, virtualHosted: false };
		const wrong = s3FileStore({ ...settings, secretAccessKey: 'not the secret' });
		const key = `activities/${crypto.randomUUID()}/0123456789abcdef0123.webp`;
		await expect(wrong.put(key, Buffer.from('x'), 'image/webp')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('403 SignatureDoesNotMatch') });
		expect(s3.objects.has(key)).toBe(false);
		const right = s3FileStore(settings);
		expect(await right.get(key)).toBeUndefined();
		await right.put(key, Buffer.from('bytes'), 'image/webp');
		expect((await right.get(key))?.toString()).toBe('bytes');
		await expect(right.get('../etc/passwd')).rejects.toThrow(/not a file key/);
	});
});

describe('uploads with FILES_S3_BUCKET set', () => {
	it('keeps activity images, badge images and evidence files in the bucket and serves them from there', async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Harbour photo walk' } });
		const auth = { authorization: `Bearer ${owner.token}` };

		const image = await fetch(`${platform.server.url}/api/v1/activities/${activity.id}/image`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(await png('#2a6'))]) });
		expect(image.status, await image.clone().text()).toBe(200);
		const served = await fetch(((await image.json()) as { image: { url: string } }).image.url);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/webp');

		const badge = await fetch(`${platform.server.url}/api/v1/activities/${activity.id}/badge/image`, { method: 'PUT', headers: { ...auth, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(await png('#36c'))]) });
		expect(badge.status, await badge.clone().text()).toBe(200);
		const drawn = await sharp(Buffer.from(await (await fetch(`${platform.server.url}/activities/${activity.id}/badge.png`)).arrayBuffer())).stats();
		// The uploaded blue square, read back from the bucket, not the generated badge.
		expect(drawn.channels[2]!.mean).toBeGreaterThan(drawn.channels[0]!.mean + 50);

		const learner = await signUp(platform, 'harbour-learner');
		const enrolmentId = (await learner.post(`/api/v1/activities/${activity.id}/enrolments`)).body.enrolment.id;
		const handedIn = await learner.post(`/api/v1/enrolments/${enrolmentId}/evidence`, { text: 'My photo', file: { name: 'notes.txt', data: Buffer.from('Twelve photos of the harbour.').toString('base64') } });
		expect(handedIn.status, JSON.stringify(handedIn.body)).toBe(201);
		const file = await fetch(handedIn.body.file.url, { headers: { authorization: `Bearer ${learner.token}` } });
		expect(file.status).toBe(200);
		expect(await file.text()).toBe('Twelve photos of the harbour.');

		const keys = storedKeys();
		expect(keys.filter((key) => key.startsWith(`activities/${activity.id}/`))).toHaveLength(1);
		expect(keys.filter((key) => key.startsWith(`badges/${activity.id}/`))).toHaveLength(1);
		expect(keys.filter((key) => key.startsWith(`evidence/${handedIn.body.id}/`))).toHaveLength(1);
		// Nothing of it on the local disk.
		expect(fs.readdirSync(filesDir, { recursive: true })).toEqual([]);
	});

	it('answers 503 in the error shape when the storage is down, and the activity keeps its image', async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Storage outage' } });
		const put = async (colour: string) =>
			fetch(`${platform.server.url}/api/v1/activities/${activity.id}/image`, { method: 'PUT', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(await png(colour))]) });
		const first = await put('#a33');
		expect(first.status).toBe(200);
		const before = ((await first.json()) as { image: { url: string } }).image.url;

		s3.down = true;
		try {
			const refused = await put('#33a');
			expect(refused.status).toBe(503);
			const body = (await refused.json()) as { error: { code: string; message: string } };
			expect(body.error.code).toBe('unavailable');
			expect(body.error.message).toMatch(/file storage/);
			expect((await owner.get(`/api/v1/activities/${activity.id}`)).body.image.url).toBe(before);
		} finally {
			s3.down = false;
		}
		expect((await fetch(before)).status).toBe(200);
	});
});
