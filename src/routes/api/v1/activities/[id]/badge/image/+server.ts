import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto } from '$lib/server/activities/schemas';
import { presentActivity } from '$lib/server/activities/presenters';
import { BADGE_IMAGE_MAX_BYTES, BADGE_IMAGE_SIZE, removeBadgeImage, setBadgeImage } from '$lib/server/credentials/badge-upload';
import { AppError } from '$lib/server/http/errors';
import { readBody } from '$lib/server/http/validation';

export const PUT = endpoint(
	{
		summary: 'Upload the activity’s badge image',
		description: `Send the image itself as the body with its image/* Content-Type (PNG, JPEG or WebP, at most ${BADGE_IMAGE_MAX_BYTES / 1024 / 1024} MB; SVG is not accepted). It replaces the generated design: it is re-encoded as a ${BADGE_IMAGE_SIZE}×${BADGE_IMAGE_SIZE} PNG (the whole picture kept, on a transparent background, without metadata), served at \`/activities/{id}/badge.png\` and \`.svg\`, and baked into credentials. Describe it in \`badge.imageAlt\`.`,
		tags: ['Badges'],
		access: 'user',
		response: ActivityDto,
		errors: ['payload_too_large', 'unsupported_media_type', 'invalid_state']
	},
	async ({ app, actor, params, event }) => {
		if (!/^image\//i.test(event.request.headers.get('content-type') ?? '')) {
			throw new AppError('unsupported_media_type', 'Send the image as the request body with an image/* Content-Type.');
		}
		const bytes = await readBody(event.request, BADGE_IMAGE_MAX_BYTES);
		return presentActivity(await setBadgeImage(app, actor, uuidParam(params.id, 'Activity'), bytes), app.config.publicUrl);
	}
);

export const DELETE = endpoint(
	{
		summary: 'Remove the uploaded badge image',
		description: 'The badge is drawn from its design (colour and icon) again.',
		tags: ['Badges'],
		access: 'user',
		response: ActivityDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentActivity(await removeBadgeImage(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);
