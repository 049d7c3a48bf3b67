import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { activities } from './schema';
import { findActivityScope, loadActivity } from './queries';

export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);

type Deps = Pick<AppContext, 'db' | 'files'>;


/**
 * Decodes an uploaded image (the content decides the type, not its name or header), re-encodes it as
 * WebP at most 1600 px on its longest side, which also drops its metadata (location, camera), and
 * stores it under a name derived from its content.
 */
export async function processImage(bytes: Uint8Array): Promise<Buffer> {
	if (bytes.byteLength > IMAGE_MAX_BYTES) {
		throw new AppError('payload_too_large', `Images may be at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB.`);
	}
	const format = await imageFormatOf(bytes);
	if (!format || !ACCEPTED_FORMATS.has(format)) {
		throw new AppError('unsupported_media_type', 'Upload a JPEG, PNG, WebP, GIF or AVIF image.', [
			{ path: 'image', code: 'image_type', message: 'Upload a JPEG, PNG, WebP, GIF or AVIF image.' }
		]);
	}
	return sharp(bytes, { limitInputPixels: 50_000_000 })
		.rotate()
		.resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
		.webp({ quality: 80 })
		.toBuffer();
}

/** The format sharp reads in the bytes themselves; undefined for anything it cannot decode. */
export async function imageFormatOf(bytes: Uint8Array): Promise<string | undefined> {
	try {
		return (await sharp(bytes).metadata()).format;
	} catch {
		// sharp throws for input it does not recognise: that is the answer, not a failure.
		return undefined;
	}
}

export async function setActivityImage(app: Deps, actor: Actor, id: string, bytes: Uint8Array) {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	authorize(actor, 'activity.manage', { cityId: scope.cityId, organisationId: scope.organisationId });
	const webp = await processImage(bytes);
	const key = `${id}/${createHash('sha256').update(webp).digest('hex').slice(0, 20)}.webp`;
	await app.files.put(`activities/${key}`, webp, 'image/webp');
	// The previous file stays: a duplicated activity may still use it, and it costs only disk.
	await app.db.transaction(async (tx) => {
		await tx.update(activities).set({ imageKey: key }).where(eq(activities.id, id));
		await recordAudit(tx, { cityId: scope.cityId, actorId: requireUser(actor).user.id, action: 'activity.image', targetType: 'activity', targetId: id });
	});
	return (await loadActivity(app.db, id))!;
}

export async function removeActivityImage(app: Deps, actor: Actor, id: string) {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	authorize(actor, 'activity.manage', { cityId: scope.cityId, organisationId: scope.organisationId });
	await app.db.update(activities).set({ imageKey: null }).where(eq(activities.id, id));
	return (await loadActivity(app.db, id))!;
}

/** Reads a stored image; keys are `<activity uuid>/<hex>.webp`, anything else does not exist. */
export async function readActivityImage(app: Pick<AppContext, 'files'>, key: string): Promise<Buffer | undefined> {
	if (!/^[0-9a-f-]{36}\/[0-9a-f]{20}\.webp$/.test(key)) return undefined;
	return app.files.get(`activities/${key}`);
}
