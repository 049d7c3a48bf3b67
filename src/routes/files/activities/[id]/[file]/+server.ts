import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readActivityImage } from '$lib/server/activities/images';

/** Activity images. Their names derive from their content, so they never change: cache them for good. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const image = await readActivityImage(locals.app, `${params.id}/${params.file}`);
	if (!image) error(404, 'Not found');
	return new Response(new Uint8Array(image), {
		headers: {
			'content-type': 'image/webp',
			'content-length': String(image.length),
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
};
