import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appIcon, ICON_SIZES } from '$lib/server/pwa/manifest';

/** The installed app's icons, drawn with sharp rather than kept as binary files in the repository. */
export const GET: RequestHandler = async ({ params }) => {
	const size = ICON_SIZES.find((s) => String(s) === params.size);
	if (!size) error(404, 'No icon of that size');
	return new Response(new Uint8Array(await appIcon(size)), { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' } });
};
