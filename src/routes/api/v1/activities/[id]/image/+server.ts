import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto } from '$lib/server/activities/schemas';
import { IMAGE_MAX_BYTES, removeActivityImage, setActivityImage } from '$lib/server/activities/images';
import { presentActivity } from '$lib/server/activities/presenters';
import { AppError } from '$lib/server/http/errors';
import { readBody } from '$lib/server/http/validation';

export const PUT = endpoint(
	{
		summary: 'Upload the activity’s image',
		description:
			'Send the image itself as the body (JPEG, PNG, WebP, GIF or AVIF, at most 8 MB). It is re-encoded as WebP, at most 1600 px, without metadata. Set `imageAlt` too: a published activity with an image needs alt text.',
		tags: ['Activities'],
		access: 'user',
		response: ActivityDto,
		errors: ['payload_too_large', 'unsupported_media_type']
	},
	async ({ app, actor, params, event }) => {
		if (!/^image\//i.test(event.request.headers.get('content-type') ?? '')) {
			throw new AppError('unsupported_media_type', 'Send the image as the request body with an image/* Content-Type.');
		}
		const bytes = await readBody(event.request, IMAGE_MAX_BYTES);
		return presentActivity(await setActivityImage(app, actor, uuidParam(params.id, 'Activity'), bytes), app.config.publicUrl);
	}
);

export const DELETE = endpoint(
	{ summary: 'Remove the activity’s image', tags: ['Activities'], access: 'user', response: ActivityDto },
	async ({ app, actor, params }) => presentActivity(await removeActivityImage(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);
