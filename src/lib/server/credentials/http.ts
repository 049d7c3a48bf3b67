import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { activities } from '../activities/schema';
import { playlists } from '../playlists/schema';
import { jsonError } from '../http/endpoint';
import { AppError, notFound } from '../http/errors';
import { isUuid } from '../http/validation';
import { findCredential } from './service';
import { activeKeyPair, issuerContext } from './issuer';
import { credentialJwt } from './jwt';
import { badgePng, badgeSvg, embeddedBadgeSvg, type BadgeArtwork } from './badge-image';
import { readBadgeImage } from './badge-upload';
import { bakePng, bakeSvg } from './baking';
import type { Actor } from '../auth/actor';
import { getActivity } from '../activities/service';
import { pickText } from '../../i18n/locales';
import { ob2Assertion, ob2AssertionUrl } from './ob2';

/**
 * Nothing in a badge image runs: an SVG opened on its own can neither load nor execute anything. It
 * may show `data:` images, which is how an SVG carries an uploaded picture.
 */
const IMAGE_HEADERS = {
	'access-control-allow-origin': '*',
	'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
	'x-content-type-options': 'nosniff'
};

/** What a badge image shows: the organiser's uploaded PNG when there is one, else the template drawn. */
interface BadgePicture {
	artwork: BadgeArtwork;
	uploaded?: Buffer | undefined;
	/** The uploaded image described, as the SVG's title. */
	alt?: string | undefined;
}

const entityTag = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** True when the client already holds this version (`If-None-Match`), so a 304 will do. */
function alreadyHeld(request: Request | undefined, etag: string): boolean {
	const held = request?.headers.get('if-none-match');
	if (!held) return false;
	return held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}

/**
 * The picture as PNG or SVG, baked or not. The ETag is the body's own hash: the answers may be cached
 * for a while, and revalidating afterwards sees a new upload or design at once.
 */
export async function imageResponse(request: Request | undefined, picture: BadgePicture, format: 'png' | 'svg', headers: Record<string, string>, bake?: (image: Buffer | string) => Buffer | string) {
	const title = picture.alt || [picture.artwork.name, picture.artwork.issuer].filter(Boolean).join(' · ');
	const image =
		format === 'svg'
			? picture.uploaded
				? embeddedBadgeSvg(picture.uploaded, { title, lang: picture.artwork.lang })
				: badgeSvg(picture.artwork)
			: (picture.uploaded ?? (await badgePng(picture.artwork)));
	const body = bake ? bake(image) : image;
	const type = format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png';
	const etag = entityTag(body);
	const all = { ...IMAGE_HEADERS, ...headers, 'content-type': type, etag };
	if (alreadyHeld(request, etag)) return new Response(null, { status: 304, headers: all });
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: all });
}

/**
 * The signed credential as issued, for machines: wallets and verifiers (content negotiation on
 * `/credentials/{id}`) and the `.json` download.
 */
export async function credentialResponse(app: Pick<AppContext, 'db'>, id: string | undefined, options: { download?: boolean } = {}): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential) return jsonError(notFound('Credential'));
	return new Response(JSON.stringify(credential.document, null, 2), {
		headers: {
			'content-type': 'application/vc+ld+json',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache',
			...(options.download ? { 'content-disposition': `attachment; filename="credential-${credential.id}.json"` } : {})
		}
	});
}

type Json = Record<string, unknown>;
const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Json)[key] : undefined);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The artwork of an issued credential, drawn from the signed document so the image says what it says. */
export function artworkOf(document: Json): BadgeArtwork {
	const achievement = field(document.credentialSubject, 'achievement');
	return { seed: text(field(achievement, 'id')) || text(document.id), name: text(field(achievement, 'name')) || text(document.name), issuer: text(field(document.issuer, 'name')) };
}

/**
 * The badge image with the signed credential baked in (Open Badges 3.0 baking), so that the picture a
 * learner posts or sends is itself verifiable. The document never changes once issued (revocation
 * lives in the status list), so the image may be cached.
 */
export async function bakedCredentialResponse(app: Pick<AppContext, 'db' | 'config' | 'files'>, id: string | undefined, format: 'png' | 'svg', request?: Request): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential) return jsonError(notFound('Credential'));
	const content = { version: 3 as const, text: JSON.stringify(credential.document) };
	const bake = (image: Buffer | string) => (typeof image === 'string' ? bakeSvg(image, content) : bakePng(image, content));
	const picture = await pictureOf(app, credential.document, credential);
	return imageResponse(request, picture, format, { 'cache-control': 'public, max-age=3600', 'content-disposition': `inline; filename="badge-${credential.id}.${format}"` }, bake);
}

/**
 * An activity's badge image, unbaked: the achievement image of its credentials. Written in the city's
 * language (credentials are too), falling back to the languages the badge has.
 */
export async function activityBadgeResponse(app: Pick<AppContext, 'db' | 'config' | 'files'>, actor: Actor, id: string | undefined, format: 'png' | 'svg', request?: Request): Promise<Response> {
	const activity = isUuid(id)
		? await getActivity(app, actor, id).catch((error: unknown) => {
				if (error instanceof AppError && error.code === 'not_found') return undefined;
				throw error;
			})
		: undefined;
	if (!activity?.badge) return jsonError(notFound('Badge'));
	const name = pickText(activity.badge.name, activity.city.defaultLocale, Object.keys(activity.title));
	const artwork: BadgeArtwork = { seed: `${app.config.publicUrl}/activities/${activity.id}#badge`, name: name?.text ?? '', issuer: activity.organisation.name, lang: name?.locale, design: activity.badge.design };
	const uploaded = activity.badge.imageKey ? await readBadgeImage(app, activity.badge.imageKey) : undefined;
	const alt = pickText(activity.badge.imageAlt ?? {}, activity.city.defaultLocale, Object.keys(activity.title));
	return imageResponse(request, { artwork, uploaded, alt: alt?.text }, format, { 'cache-control': 'public, max-age=600' });
}

const OB2_HEADERS = { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' };

/** Open Badges 2.0 hosted assertion: 410 Gone with `revoked: true` once revoked. */
export async function ob2AssertionResponse(app: Pick<AppContext, 'db' | 'config'>, id: string | undefined): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential || (!credential.activityId && !credential.playlistId)) return jsonError(notFound('Assertion'));
	return new Response(JSON.stringify(ob2Assertion(app.config.publicUrl, credential), null, 2), { status: credential.revokedAt ? 410 : 200, headers: OB2_HEADERS });
}

/** The badge image with the OB 2.0 assertion's URL baked in (the 2.0 way: `iTXt` keyword `openbadges`). */
export async function ob2BakedResponse(app: Pick<AppContext, 'db' | 'config' | 'files'>, id: string | undefined, request?: Request): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential || (!credential.activityId && !credential.playlistId)) return jsonError(notFound('Assertion'));
	const content = { version: 2 as const, text: ob2AssertionUrl(app.config.publicUrl, credential.id) };
	const picture = await pictureOf(app, credential.document, credential);
	return imageResponse(request, picture, 'png', { 'cache-control': 'public, max-age=3600', 'content-disposition': `inline; filename="badge-${credential.id}-ob2.png"` }, (image) =>
		bakePng(image as Buffer, content)
	);
}

export async function ob2DocumentResponse(load: () => Promise<Record<string, unknown>>): Promise<Response> {
	try {
		return new Response(JSON.stringify(await load(), null, 2), { headers: OB2_HEADERS });
	} catch (error) {
		if (error instanceof AppError) return jsonError(error);
		throw error;
	}
}

/** The credential as a VC-JWT, signed with the organisation's key (for wallets that take JWTs). */
export async function jwtCredentialResponse(app: Pick<AppContext, 'db' | 'config' | 'credentialSecret'>, id: string | undefined): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential) return jsonError(notFound('Credential'));
	const keyPair = await activeKeyPair(issuerContext(app), { id: credential.organisationId, cityId: credential.cityId });
	return new Response(await credentialJwt(credential.document, keyPair), {
		headers: { 'content-type': 'application/jwt', 'access-control-allow-origin': '*', 'cache-control': 'no-cache', 'content-disposition': `attachment; filename="credential-${credential.id}.jwt"` }
	});
}

/**
 * The picture of an issued credential: its words from the signed document, its look (design or
 * uploaded image) from the activity it came from, so that it follows later edits of the badge.
 */
async function pictureOf(app: Pick<AppContext, 'db' | 'config' | 'files'>, document: Json, source: { activityId: string | null; playlistId?: string | null }): Promise<BadgePicture> {
	const [row] = source.activityId
		? await app.db.select({ badge: activities.badge }).from(activities).where(eq(activities.id, source.activityId))
		: source.playlistId
			? await app.db.select({ badge: playlists.badge }).from(playlists).where(eq(playlists.id, source.playlistId))
			: [];
	const uploaded = row?.badge?.imageKey ? await readBadgeImage(app, row.badge.imageKey) : undefined;
	const caption = text(field(field(field(document.credentialSubject, 'achievement'), 'image'), 'caption'));
	return { artwork: { ...artworkOf(document), design: row?.badge?.design }, uploaded, alt: caption };
}
