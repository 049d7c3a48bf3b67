/**
 * Uploaded badge images: who may upload and remove them, what is refused, and how an upload replaces the
 * drawn badge everywhere (the activity's badge.png and .svg, the credential's caption, baked badges).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { extractFromPng, extractFromSvg } from './baking';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, activityBody, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let owner: ApiClient;
let organisationId: string;
let activityId: string;

const ALT = { nl: 'Een blauwe fiets met een moersleutel', en: 'A blue bike with a spanner' };

beforeAll(async () => {
	platform = await startPlatform();
	const org = await approvedOrganisation(platform);
	owner = org.owner;
	organisationId = org.organisation.id;
	const activity = await publishedActivity(owner, organisationId, {
		badge: { name: { en: 'Bike repair', nl: 'Fietsreparatie' }, description: { en: 'Fixes bikes' }, criteria: { en: 'Repaired three bikes' }, imageAlt: ALT }
	});
	activityId = activity.id;
});
afterAll(() => platform?.server.stop());

const badgeImagePath = (id: string) => `/api/v1/activities/${id}/badge/image`;

function upload(client: ApiClient | undefined, id: string, body: Uint8Array, type: string) {
	return fetch(`${platform.server.url}${badgeImagePath(id)}`, {
		method: 'PUT',
		headers: { ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}), 'content-type': type },
		body: new Blob([new Uint8Array(body)])
	});
}

async function bytesOf(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${platform.server.url}${path}`, { headers });
	return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const BLUE = [0x1f, 0x4f, 0xbf];
/** Colours survive JPEG only nearly. */
const nearlyBlue = (rgb: number[]) => rgb.every((value, index) => Math.abs(value - BLUE[index]!) <= 3);

/** A wide photo with a copyright note in its EXIF data, which the re-encoded badge must not keep. */
const photo = () =>
	sharp({ create: { width: 800, height: 400, channels: 3, background: { r: BLUE[0]!, g: BLUE[1]!, b: BLUE[2]! } } })
		.jpeg()
		.withMetadata({ exif: { IFD0: { Copyright: 'do not keep me' } } })
		.toBuffer();

describe('uploading a badge image', () => {
	it('answers 401 without sign-in, 403 to people outside the organisation and 404 for what they cannot see', async () => {
		const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ff0000' } }).png().toBuffer();
		expect((await upload(undefined, activityId, png, 'image/png')).status).toBe(401);
		const anonymousDelete = await platform.anonymous.delete(badgeImagePath(activityId));
		expect(anonymousDelete.status).toBe(401);
		expect(anonymousDelete.body.error.code).toBe('unauthenticated');

		const stranger = await signUp(platform, 'stranger');
		const refused = await upload(stranger, activityId, png, 'image/png');
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
		expect((await stranger.delete(badgeImagePath(activityId))).status).toBe(403);

		const draft = await owner.post('/api/v1/activities', activityBody(organisationId));
		expect((await upload(stranger, draft.body.id, png, 'image/png')).status).toBe(404);
		expect((await upload(owner, '00000000-0000-4000-8000-000000000000', png, 'image/png')).status).toBe(404);
		expect((await upload(owner, 'not-an-id', png, 'image/png')).status).toBe(404);
	});

	it('refuses what is not a PNG, JPEG or WebP image (by content, not name) and what is too large, changing nothing', async () => {
		const before = await bytesOf(`/activities/${activityId}/badge.png`);
		const textAsPng = new TextEncoder().encode('This is a text file called badge.png');
		const text = await upload(owner, activityId, textAsPng, 'image/png');
		expect(text.status).toBe(415);
		const body = (await text.json()) as { error: { code: string; details: { path: string; code: string }[] } };
		expect(body.error.code).toBe('unsupported_media_type');
		expect(body.error.details[0]).toMatchObject({ path: 'image', code: 'badge_image_type' });

		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
		expect((await upload(owner, activityId, svg, 'image/svg+xml')).status).toBe(415);
		const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#00ff00' } }).gif().toBuffer();
		expect((await upload(owner, activityId, gif, 'image/gif')).status).toBe(415);
		// A real image sent as something else is refused too (a form type would meet SvelteKit's CSRF check first).
		expect((await upload(owner, activityId, await photo(), 'application/octet-stream')).status).toBe(415);

		const tooLarge = await upload(owner, activityId, new Uint8Array(9 * 1024 * 1024), 'image/png');
		expect(tooLarge.status).toBe(413);
		expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

		const after = await bytesOf(`/activities/${activityId}/badge.png`);
		expect(after.bytes.equals(before.bytes)).toBe(true);
		expect((await owner.get(`/api/v1/activities/${activityId}`)).body.badge.image.uploaded).toBe(false);
	});
});

describe('an uploaded badge image', () => {
	let uploaded: Buffer;
	let drawn: Buffer;

	it('becomes a square, metadata-free PNG served as the badge, in PNG and in SVG', async () => {
		drawn = (await bytesOf(`/activities/${activityId}/badge.png`)).bytes;
		const answer = await upload(owner, activityId, await photo(), 'image/jpeg');
		expect(answer.status).toBe(200);
		const activity = (await answer.json()) as { badge: { image: { url: string; uploaded: boolean; alt: Record<string, string> } } };
		expect(activity.badge.image).toEqual({ url: `${platform.server.url}/activities/${activityId}/badge.png`, uploaded: true, alt: ALT });

		const { response, bytes } = await bytesOf(`/activities/${activityId}/badge.png`);
		expect(response.headers.get('content-type')).toBe('image/png');
		uploaded = bytes;
		const metadata = await sharp(bytes).metadata();
		expect(metadata).toMatchObject({ format: 'png', width: 512, height: 512, hasAlpha: true });
		expect(metadata.exif).toBeUndefined();
		expect(bytes.includes(Buffer.from('do not keep me'))).toBe(false);
		// `contain`: the wide photo fills the middle band; above and below it is transparent.
		const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
		expect(pixel(5, 5)[3]).toBe(0);
		expect(nearlyBlue(pixel(256, 256).slice(0, 3))).toBe(true);
		expect(pixel(256, 256)[3]).toBe(255);

		const etag = response.headers.get('etag');
		expect(etag).toBeTruthy();
		expect((await bytesOf(`/activities/${activityId}/badge.png`, { 'if-none-match': etag! })).response.status).toBe(304);

		const svg = (await bytesOf(`/activities/${activityId}/badge.svg`)).bytes.toString('utf8');
		expect(svg).toContain(`<title id="badge-title">${ALT.nl}</title>`);
		const embedded = /href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1];
		expect(Buffer.from(embedded!, 'base64').equals(bytes)).toBe(true);
	});

	it('is what newly issued credentials show and carry, captioned with its alt text', async () => {
		const learner = await signUp(platform, 'learner');
		const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
		const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		expect(awarded.status).toBe(201);
		const url: string = awarded.body.credential.url;
		const credential = (await (await fetch(`${url}.json`)).json()) as { credentialSubject: { achievement: { image: { id: string; caption: string } } } };
		// The credential is written in the city's language (Breda: Dutch), and so is its caption.
		expect(credential.credentialSubject.achievement.image).toMatchObject({ id: `${platform.server.url}/activities/${activityId}/badge.png`, caption: ALT.nl });

		const png = Buffer.from(await (await fetch(`${url}.png`)).arrayBuffer());
		expect(JSON.parse(extractFromPng(png)!.text)).toEqual(credential);
		const [bakedPixels, uploadedPixels] = await Promise.all([sharp(png).raw().toBuffer(), sharp(uploaded).raw().toBuffer()]);
		expect(bakedPixels.equals(uploadedPixels)).toBe(true);

		const svg = await (await fetch(`${url}.svg`)).text();
		expect(JSON.parse(extractFromSvg(svg)!.text)).toEqual(credential);
		expect(svg).toContain(`data:image/png;base64,${uploaded.toString('base64')}`);
		// The SVG draws its embedded picture: rendered, it is the uploaded image.
		const rendered = await sharp(Buffer.from(svg)).resize(512, 512).raw().toBuffer({ resolveWithObject: true });
		expect(nearlyBlue([...rendered.data.subarray((256 * 512 + 256) * 4, (256 * 512 + 256) * 4 + 3)])).toBe(true);
	});

	it('stays when the badge is edited, and is dropped by DELETE: the drawn badge is back', async () => {
		const edited = await owner.patch(`/api/v1/activities/${activityId}`, {
			badge: { name: { en: 'Bike repair', nl: 'Fietsreparatie' }, description: { en: 'Fixes bikes' }, criteria: { en: 'Repaired four bikes' }, imageAlt: { en: 'A spanner' } }
		});
		expect(edited.status).toBe(200);
		expect(edited.body.badge.image).toMatchObject({ uploaded: true, alt: { en: 'A spanner' } });
		expect((await bytesOf(`/activities/${activityId}/badge.png`)).bytes.equals(uploaded)).toBe(true);

		const removed = await owner.delete(badgeImagePath(activityId));
		expect(removed.status).toBe(200);
		expect(removed.body.badge.image.uploaded).toBe(false);
		expect((await bytesOf(`/activities/${activityId}/badge.png`)).bytes.equals(drawn)).toBe(true);
		expect((await bytesOf(`/activities/${activityId}/badge.svg`)).bytes.toString('utf8')).not.toContain('data:image/png');
	});

	it('cannot change on an archived activity', async () => {
		const archived = await publishedActivity(owner, organisationId);
		expect((await owner.post(`/api/v1/activities/${archived.id}/archive`)).status).toBe(200);
		const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ff0000' } }).png().toBuffer();
		const answer = await upload(owner, archived.id, png, 'image/png');
		expect(answer.status).toBe(409);
	});
});
