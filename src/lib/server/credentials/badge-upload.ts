import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { activities } from '../activities/schema';
import { findActivityScope, loadActivity, type ActivityRecord } from '../activities/queries';
import { IMAGE_MAX_BYTES, imageFormatOf } from '../activities/images';

/**
 * Badge images an organiser uploads instead of the generated design. Only raster images are taken
 * (an uploaded SVG could carry script or links into every credential that shows it); each becomes a
 * square PNG, the format baking needs, without the original's metadata.
 */

export const BADGE_IMAGE_SIZE = 512;
export const BADGE_IMAGE_MAX_BYTES = IMAGE_MAX_BYTES;
const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp']);
const TYPE_MESSAGE = 'Upload a PNG, JPEG or WebP image.';
const KEY_PATTERN = /^[0-9a-f-]{36}\/[0-9a-f]{20}\.png$/;

type Deps = Pick<AppContext, 'db' | 'files'>;

/** Decodes the upload (its content decides the type, not its name or header) and re-encodes it. */
export async function processBadgeImage(bytes: Uint8Array): Promise<Buffer> {
	if (bytes.byteLength > BADGE_IMAGE_MAX_BYTES) {
		throw new AppError('payload_too_large', `Badge images may be at most ${BADGE_IMAGE_MAX_BYTES / 1024 / 1024} MB.`);
	}
	const format = await imageFormatOf(bytes);
	if (!format || !ACCEPTED_FORMATS.has(format)) {
		throw new AppError('unsupported_media_type', TYPE_MESSAGE, [{ path: 'image', code: 'badge_image_type', message: TYPE_MESSAGE }]);
	}
	// `contain` on a transparent square keeps the whole picture, whatever its shape. sharp writes no
	// metadata unless asked to, so location and camera details stay behind.
	return sharp(bytes, { limitInputPixels: 50_000_000 })
		.rotate()
		.resize({ width: BADGE_IMAGE_SIZE, height: BADGE_IMAGE_SIZE, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
		.png({ compressionLevel: 9 })
		.toBuffer();
}

/** The activity, if `actor` may change its badge: a private activity stays a 404 to outsiders. */
async function manageableBadge(app: Deps, actor: Actor, id: string) {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	const subject = { cityId: scope.cityId, organisationId: scope.organisationId };
	const isPublic = scope.status === 'published' || scope.status === 'archived';
	if (!isPublic && !can(actor, 'activity.readPrivate', subject)) throw notFound('Activity');
	authorize(actor, 'activity.manage', subject);
	if (scope.status === 'archived') throw invalidState('An archived activity cannot be changed; duplicate it instead.');
	return scope;
}

export async function setBadgeImage(app: Deps, actor: Actor, id: string, bytes: Uint8Array): Promise<ActivityRecord> {
	const scope = await manageableBadge(app, actor, id);
	const png = await processBadgeImage(bytes);
	const key = `${id}/${createHash('sha256').update(png).digest('hex').slice(0, 20)}.png`;
	// The file comes before the row that names it: a crash in between leaves an unused file, never a
	// badge pointing at nothing. Earlier files stay, since a duplicated activity may still use them.
	await app.files.put(`badges/${key}`, png, 'image/png');
	await app.db.transaction(async (tx) => {
		const updated = await tx
			.update(activities)
			.set({ badge: sql`${activities.badge} || jsonb_build_object('imageKey', ${key}::text)` })
			.where(and(eq(activities.id, id), isNotNull(activities.badge)))
			.returning({ id: activities.id });
		if (updated.length === 0) throw invalidState('This activity awards no badge yet; describe its badge first.');
		await recordAudit(tx, { cityId: scope.cityId, actorId: requireUser(actor).user.id, action: 'activity.badge_image', targetType: 'activity', targetId: id, data: { key } });
	});
	return (await loadActivity(app.db, id))!;
}

/** Back to the generated design. */
export async function removeBadgeImage(app: Deps, actor: Actor, id: string): Promise<ActivityRecord> {
	const scope = await manageableBadge(app, actor, id);
	await app.db.transaction(async (tx) => {
		await tx
			.update(activities)
			.set({ badge: sql`${activities.badge} - 'imageKey'` })
			.where(and(eq(activities.id, id), isNotNull(activities.badge)));
		await recordAudit(tx, { cityId: scope.cityId, actorId: requireUser(actor).user.id, action: 'activity.badge_image_removed', targetType: 'activity', targetId: id });
	});
	return (await loadActivity(app.db, id))!;
}

/**
 * A stored badge image; undefined for a key that cannot be ours or a file that is gone (the caller
 * then draws the badge). Other read errors are real failures and propagate.
 */
export async function readBadgeImage(app: Pick<AppContext, 'files'>, key: string): Promise<Buffer | undefined> {
	if (!KEY_PATTERN.test(key)) return undefined;
	return app.files.get(`badges/${key}`);
}
